// STUB: replaced by the page-date work.
#include "ingest/page_date.h"

namespace sitrep {
PublicationTime FindPageDate(const GumboNode* root, std::string_view url) { return {}; }
}  // namespace sitrep
