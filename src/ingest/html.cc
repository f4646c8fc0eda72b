// STUB: replaced by the HTML extraction work.
#include "ingest/html.h"

namespace sitrep {
HtmlPage ReadHtml(std::string_view html, std::string_view url) { return {}; }
}  // namespace sitrep
