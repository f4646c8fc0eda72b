// STUB: replaced by the feed work.
#include "ingest/readers.h"

namespace sitrep {
void ReadFeed(std::string_view xml, const std::string& origin, const DocumentSink& sink,
              const RecordErrorSink& on_error) {
  throw InputError("feed reader not built yet");
}
}  // namespace sitrep
