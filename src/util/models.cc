#include "util/models.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace sitrep {

std::string ModelPath(const char* env, const char* file) {
  if (const char* chosen = std::getenv(env); chosen && *chosen) return chosen;
  const fs::path name = fs::path("models") / file;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    // build/sitrep and build/bench/bench_ner: the source tree is one or two levels up.
    for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
      if (fs::exists(dir / name, ec)) return (dir / name).string();
      if (fs::exists(dir / "CMakeLists.txt", ec)) break;
    }
  }
  if (const char* src = std::getenv("SITREP_SOURCE_DIR"); src && *src) return (fs::path(src) / name).string();
  return (fs::path(SITREP_SOURCE_DIR) / name).string();
}

}  // namespace sitrep
