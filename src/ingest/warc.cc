// STUB: replaced by the WARC work.
#include "ingest/readers.h"

namespace sitrep {
void ReadWarc(ByteSource& in, const std::string& origin, const DocumentSink& sink,
              const RecordErrorSink& on_error) {
  throw InputError("WARC reader not built yet");
}
}  // namespace sitrep
