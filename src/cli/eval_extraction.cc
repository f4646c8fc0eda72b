// STUB: replaced by the HTML extraction work.
#include "cli/commands.h"
namespace sitrep::cli {
void AddEvalExtraction(CLI::App& eval) {}
}  // namespace sitrep::cli
