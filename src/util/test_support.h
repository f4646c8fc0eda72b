// Helpers for the tests of every stage: shared data and gzip. Header-only, tests only.
#pragma once

#include <zlib.h>

#include <fstream>
#include <iterator>
#include <string>

namespace sitrep::testing {

// A file under ../shared (the data sets and corpora), whole; empty when it is missing.
inline std::string ReadShared(const std::string& relative) {
  std::ifstream f(std::string(SITREP_SHARED_DIR) + "/" + relative, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

// `data` as one gzip member.
inline std::string Gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace sitrep::testing
