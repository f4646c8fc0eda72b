#include "util/progress.h"

#include <unistd.h>

#include <cstdio>

namespace sitrep {

namespace {
std::string Clock(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}
}  // namespace

bool Progress::Enabled() { return isatty(STDERR_FILENO); }

Progress::Progress(uint64_t total, std::string noun)
    : total_(total), noun_(std::move(noun)), enabled_(Enabled()),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

Progress::~Progress() { Finish(); }

void Progress::Update(uint64_t done, uint64_t count) {
  done_ = done;
  count_ = count;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  Draw();
}

void Progress::Draw() {
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = elapsed > 0 ? count_ / elapsed : 0;
  std::string line;
  char buf[128];
  if (total_ > 0) {
    double frac = std::min(1.0, static_cast<double>(done_) / total_);
    const int width = 30;
    int fill = static_cast<int>(frac * width);
    line = "[" + std::string(fill, '=') + (fill < width ? ">" : "") +
           std::string(width - fill - (fill < width ? 1 : 0), ' ') + "]";
    snprintf(buf, sizeof buf, " %3.0f%%", frac * 100);
    line += buf;
    double eta = frac > 0 ? elapsed * (1 - frac) / frac : 0;
    snprintf(buf, sizeof buf, " %llu %s  %.0f/s  ETA %s", static_cast<unsigned long long>(count_),
             noun_.c_str(), rate, Clock(eta).c_str());
  } else {
    snprintf(buf, sizeof buf, "%llu %s  %.0f/s  %s", static_cast<unsigned long long>(count_),
             noun_.c_str(), rate, Clock(elapsed).c_str());
  }
  line += buf;
  fprintf(stderr, "\r%s\033[K", line.c_str());
  fflush(stderr);
  drawn_ = true;
}

void Progress::Finish() {
  if (enabled_ && drawn_) {
    fprintf(stderr, "\r\033[K");
    fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace sitrep
