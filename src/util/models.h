// Where a model file committed under models/ is found, the same way for every stage.
#pragma once

#include <string>

namespace sitrep {

// The environment variable `env` when set (a model the user chose); else models/`file` beside
// the source tree the binary was built in (found from the binary's location, so a moved
// checkout still finds its own models), then under $SITREP_SOURCE_DIR, then under the source
// folder the binary was compiled from.
std::string ModelPath(const char* env, const char* file);

}  // namespace sitrep
