#include "serve/server.h"

#include <algorithm>
#include <httplib.h>
#include <stdexcept>

namespace sitrep::serve {

namespace {

// No page runs script, so a policy that forbids it stops an injection that escaped the
// escaping; inline styles are the only thing the pages need.
const httplib::Headers kSecurityHeaders = {
    {"Content-Security-Policy",
     "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
     "base-uri 'none'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
};

Request FromHttp(const httplib::Request& in) {
  Request r;
  r.method = in.method;
  r.path = in.path;
  for (const auto& [name, value] : in.params) r.query.emplace(name, value);  // the first wins
  for (const auto& [name, value] : in.headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    r.headers.emplace(lower, value);
  }
  r.body = in.body;
  return r;
}

}  // namespace

bool LoopbackHost(const std::string& host) {
  std::string name = host;
  if (name.starts_with("[")) {
    name = name.substr(0, name.find(']') + 1);
  } else if (size_t colon = name.rfind(':'); colon != std::string::npos) {
    name.resize(colon);
  }
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name == "localhost" || name == "127.0.0.1" || name == "[::1]";
}

bool RateLimiter::Allow(const std::string& client, double now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (now - last_sweep_ > 60) {
    for (auto it = buckets_.begin(); it != buckets_.end();)
      it = it->second.tokens + (now - it->second.last) * rate_ >= burst_ ? buckets_.erase(it) : std::next(it);
    last_sweep_ = now;
  }
  auto [it, fresh] = buckets_.try_emplace(client, Bucket{burst_, now});
  Bucket& b = it->second;
  b.tokens = std::min(burst_, b.tokens + (now - b.last) * rate_);
  b.last = now;
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

bool RateLimiter::Allow(const std::string& client) {
  using namespace std::chrono;
  return Allow(client, duration<double>(steady_clock::now().time_since_epoch()).count());
}

Server::Server(Site& site, ServeOptions options)
    : site_(site), options_(std::move(options)), limiter_(options_.rate, std::max(2.0, 2 * options_.rate)),
      http_(std::make_unique<httplib::Server>()) {
  httplib::Server& h = *http_;
  const unsigned threads = std::max(1u, options_.threads);
  h.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  h.set_payload_max_length(options_.max_body);
  h.set_read_timeout(10);
  h.set_write_timeout(10);
  h.set_keep_alive_max_count(1000);
  h.set_tcp_nodelay(true);  // else Nagle and delayed ACKs add 40 ms to a reply
  h.set_default_headers(kSecurityHeaders);
  // httplib's default adds SO_REUSEPORT, which would let a second process (ours or anyone's)
  // bind the same port and take half the requests; a port in use must be an error.
  h.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  const bool loopback = options_.bind == "127.0.0.1" || options_.bind == "::1" || options_.bind == "localhost";
  h.set_pre_routing_handler([this, loopback](const httplib::Request& req, httplib::Response& res) {
    if (loopback && !LoopbackHost(req.get_header_value("Host"))) {
      res.status = 421;
      res.set_content(R"({"error":"this server answers only to localhost"})", "application/json");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (limiter_.Allow(req.remote_addr)) return httplib::Server::HandlerResponse::Unhandled;
    res.status = 429;
    res.set_header("Retry-After", "1");
    res.set_content(R"({"error":"too many requests"})", "application/json");
    return httplib::Server::HandlerResponse::Handled;
  });
  auto handle = [this](const httplib::Request& req, httplib::Response& res) {
    Response out = site_.Handle(FromHttp(req));
    res.status = out.status;
    res.set_content(std::move(out.body), out.content_type.c_str());
  };
  h.Get(".*", handle);
  h.Post(".*", handle);
  h.Put(".*", handle);
  h.Delete(".*", handle);
  h.Patch(".*", handle);
  // httplib's own refusals (413 for an oversize body, 400 for a malformed request) get a
  // JSON reason like every other error.
  h.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const char* reason = res.status == 413 ? "request body too large"
                         : res.status == 414 ? "request line too long"
                                             : "bad request";
    res.set_content(std::string(R"({"error":")") + reason + "\"}", "application/json");
  });
}

Server::~Server() = default;

int Server::Bind() {
  int port = options_.port == 0 ? http_->bind_to_any_port(options_.bind)
                                : (http_->bind_to_port(options_.bind, options_.port) ? options_.port : -1);
  if (port <= 0)
    throw std::runtime_error("cannot listen on " + options_.bind + ":" + std::to_string(options_.port));
  return port;
}

bool Server::Run() { return http_->listen_after_bind(); }

void Server::Stop() { http_->stop(); }

}  // namespace sitrep::serve
