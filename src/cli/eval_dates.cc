// STUB: replaced by the page-date work.
#include "cli/commands.h"
namespace sitrep::cli {
void AddEvalDates(CLI::App& eval) {}
}  // namespace sitrep::cli
