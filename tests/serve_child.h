// A `sitrep serve` child process on a free loopback port, for the whole-program tests.
#pragma once

#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <string>
#include <thread>

#include "cli_fixture.h"

namespace sitrep_test {

// A `sitrep serve` child; killed (SIGTERM, then SIGKILL) when it goes out of scope.
class ServeChild {
 public:
  ServeChild(const fs::path& dir, const std::string& args, const std::string& env_token = "") {
    // A file of its own, so a later server's port is never read from an earlier one's.
    static int count = 0;
    const std::string name = "serve-" + std::to_string(++count);
    const fs::path out = dir / (name + ".out");
    fs::remove(out);
    pid_ = fork();
    if (pid_ == 0) {
      if (!env_token.empty()) setenv("SITREP_TOKEN", env_token.c_str(), 1);
      else unsetenv("SITREP_TOKEN");
      std::string line = "exec " + kSitrep + " serve --port 0 " + args + " >" + out.string() +
                         " 2>" + (dir / (name + ".err")).string();
      execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    // The port is printed once the socket listens; connections queue from then on.
    const std::regex port_line(R"(http://127\.0\.0\.1:(\d+)/)");
    for (int tries = 0; tries < 3000 && port_ == 0; ++tries) {
      std::ifstream f(out);
      std::string text((std::istreambuf_iterator<char>(f)), {});
      if (std::smatch m; std::regex_search(text, m, port_line)) port_ = std::stoi(m[1]);
      else if (waitpid(pid_, nullptr, WNOHANG) == pid_) { pid_ = -1; break; }
      else std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~ServeChild() { Stop(); }
  // Stops the server as a user's Ctrl-C would; its exit status.
  int Stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    for (int tries = 0; tries < 500 && waitpid(pid_, &status, WNOHANG) == 0; ++tries)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (waitpid(pid_, &status, WNOHANG) == 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  int port() const { return port_; }
  httplib::Client Client() const { return httplib::Client("127.0.0.1", port_); }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace sitrep_test
