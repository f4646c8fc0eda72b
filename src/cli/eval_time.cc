// STUB: replaced by the time-expressions work.
#include "cli/commands.h"
namespace sitrep::cli {
void AddEvalTime(CLI::App& eval) {}
}  // namespace sitrep::cli
