// sitrep serve: the store over HTTP, a JSON API and web pages (src/serve/).
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

#include "cli/commands.h"
#include "serve/server.h"
#include "store/store.h"

namespace sitrep::cli {

namespace {

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost" || host.starts_with("127.");
}

}  // namespace

void AddServe(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("serve", "Serve the store: JSON API under /api/ and web pages");
  static serve::ServeOptions options;
  static std::string token;
  AddDbOption(cmd, g);
  cmd->add_option("--port", options.port, "Port (0: any free one)")->capture_default_str()->check(CLI::Range(0, 65535));
  cmd->add_option("--bind", options.bind, "Address to listen on; anything but loopback exposes the store")
      ->capture_default_str();
  cmd->add_option("--token", token, "Token that POST /api/articles must carry (else env SITREP_TOKEN; none: writes off)");
  cmd->add_option("--max-body", options.max_body, "Largest request body in bytes")->capture_default_str();
  cmd->add_option("--rate", options.rate, "Requests a second per client address")->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--threads", options.threads, "Worker threads")->capture_default_str()->check(CLI::Range(1, 256));
  cmd->callback([&g] {
    if (token.empty())
      if (const char* env = std::getenv("SITREP_TOKEN")) token = env;
    auto store = Store::Open(g.db);
    store->CheckReadable();
    serve::Site site(*store, token);
    serve::Server server(site, options);
    // SIGINT and SIGTERM stop the server cleanly: blocked here (the worker threads inherit
    // that) and awaited by one thread, so no handler runs inside the server's code.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    int port = 0;
    try {
      port = server.Bind();
    } catch (const std::exception& e) {
      fprintf(stderr, "sitrep: %s\n", e.what());
      ExitCode() = 1;
      return;
    }
    if (!IsLoopback(options.bind))
      fprintf(stderr, "sitrep: warning: listening on %s, reachable from other machines, without TLS\n",
              options.bind.c_str());
    const std::string host = options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind;
    printf("sitrep: serving %s on http://%s:%d/ (writes %s)\n", Store::Name(g.db).c_str(), host.c_str(), port,
           token.empty() ? "disabled" : "need the token");
    fflush(stdout);
    std::thread waiter([&] {
      int sig = 0;
      sigwait(&stop_signals, &sig);
      server.Stop();
    });
    bool ok = server.Run();
    // Run() also returns when the socket fails; wake the waiter so it can be joined.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    if (!ok) ExitCode() = 1;
  });
}

}  // namespace sitrep::cli
