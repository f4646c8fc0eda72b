// A progress line for long work on a terminal: bar, count, rate and ETA, redrawn at most
// ten times a second on stderr. Silent when stderr is not a terminal (piped, in CI).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace sitrep {

class Progress {
 public:
  // `total` is the amount of work in the units Update reports (bytes here), 0 if unknown;
  // `noun` names what is counted ("articles").
  Progress(uint64_t total, std::string noun);
  ~Progress();
  void Update(uint64_t done, uint64_t count);
  void Finish();  // clears the line
  static bool Enabled();  // stderr is a terminal

 private:
  void Draw();
  uint64_t total_, done_ = 0, count_ = 0;
  std::string noun_;
  bool enabled_, drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace sitrep
