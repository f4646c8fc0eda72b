// STUB: replaced by the stories work.
#include "cli/commands.h"
namespace sitrep::cli {
void AddEvalClusters(CLI::App& eval) {}
}  // namespace sitrep::cli
