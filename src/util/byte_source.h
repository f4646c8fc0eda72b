// A stream of bytes from a file, stdin or memory, gunzipped on the fly when it starts with
// the gzip magic (every member of a multi-member file, as WARC writes them). Readers pull
// from it line by line or block by block, so no input is ever held whole.
#pragma once

#include <cstdint>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace sitrep {

class ByteSource {
 public:
  // "-" is stdin. Throws InputError when the file cannot be opened.
  static std::unique_ptr<ByteSource> OpenFile(const std::string& path);
  static std::unique_ptr<ByteSource> FromString(std::string bytes);
  virtual ~ByteSource();

  // Up to n decompressed bytes; 0 only at the end. Throws InputError on a damaged or
  // truncated gzip stream.
  size_t Read(char* out, size_t n);
  // One line without its "\n" (and "\r"); false at the end of input. A line longer than
  // `limit` bytes is skipped to its end and comes back cut at `limit`, with *too_long set.
  bool ReadLine(std::string& line, size_t limit = SIZE_MAX, bool* too_long = nullptr);
  // Up to n bytes from the current position without consuming them.
  std::string_view Peek(size_t n);
  // Reads everything left, failing with InputError past `limit` bytes.
  std::string ReadAll(size_t limit);

  bool gzipped() const;
  uint64_t compressed_offset() const;  // bytes consumed from the underlying file, for progress
  uint64_t size() const;               // size of the underlying file, 0 when unknown

 private:
  struct Impl;
  explicit ByteSource(std::unique_ptr<Impl> impl);
  bool Fill();  // refills the buffer; false at the end
  std::unique_ptr<Impl> impl_;
};

}  // namespace sitrep
