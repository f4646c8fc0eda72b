#include "cli/commands.h"
namespace sitrep::cli {
void AddEntities(CLI::App& app, Globals& g) {}
}
