// The HTTP server: the site (site.h) behind cpp-httplib, with the limits a service exposed
// to a newsroom's network needs: loopback unless told otherwise, a bounded request body, a
// request rate per client address, read and write timeouts, and a content policy that
// forbids script on every page.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "serve/site.h"

namespace httplib {
class Server;
}

namespace sitrep::serve {

struct ServeOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;                 // 0: any free port
  size_t max_body = 4 << 20;       // bytes; a larger request gets 413
  double rate = 100;               // requests a second per client address (burst: twice that, at least 2)
  unsigned threads = 8;            // worker threads
};

// A token bucket per client address: `rate` requests a second on average, bursts up to
// `burst`. Addresses idle long enough to have a full bucket are forgotten.
class RateLimiter {
 public:
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}
  bool Allow(const std::string& client, double now_seconds);
  bool Allow(const std::string& client);  // at the steady clock's now

 private:
  struct Bucket {
    double tokens = 0, last = 0;
  };
  double rate_, burst_;
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
  double last_sweep_ = 0;
};

// Whether a Host header names this machine's loopback ("localhost", "127.0.0.1", "[::1]",
// with or without a port). A server on loopback answers only those, so a web page that
// rebinds its own name to 127.0.0.1 cannot read the store through a visitor's browser.
bool LoopbackHost(const std::string& host);

class Server {
 public:
  Server(Site& site, ServeOptions options);
  ~Server();
  // Binds the socket; returns the port (useful with port 0). Throws std::runtime_error.
  int Bind();
  // Serves until Stop(); returns false when the socket failed.
  bool Run();
  void Stop();

 private:
  Site& site_;
  ServeOptions options_;
  RateLimiter limiter_;
  std::unique_ptr<httplib::Server> http_;
};

}  // namespace sitrep::serve
