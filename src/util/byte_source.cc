#include "util/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "util/input_error.h"

namespace sitrep {

namespace {
constexpr size_t kChunk = 1 << 16;
}

struct ByteSource::Impl {
  int fd = -1;
  bool own_fd = false;
  std::string memory;  // FromString: the whole input, served as raw bytes
  size_t memory_pos = 0;
  uint64_t file_size = 0;
  uint64_t consumed = 0;

  std::vector<char> raw = std::vector<char>(kChunk);
  bool raw_eof = false;
  bool gzip = false;
  bool gzip_checked = false;
  bool in_member = false;  // inside a gzip member that has not ended yet
  z_stream z{};

  std::string buf;  // decompressed bytes not yet handed out
  size_t pos = 0;

  ~Impl() {
    if (gzip) inflateEnd(&z);
    if (own_fd && fd >= 0) close(fd);
  }

  // Raw bytes from the file or memory into `raw`, consumed by zlib through z.next_in.
  size_t ReadRaw(char* out, size_t n) {
    if (fd < 0) {
      size_t k = std::min(n, memory.size() - memory_pos);
      memcpy(out, memory.data() + memory_pos, k);
      memory_pos += k;
      consumed += k;
      return k;
    }
    for (;;) {
      ssize_t k = ::read(fd, out, n);
      if (k >= 0) {
        consumed += k;
        return size_t(k);
      }
      if (errno != EINTR) throw InputError(std::string("read failed: ") + strerror(errno));
    }
  }
};

ByteSource::ByteSource(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ByteSource::~ByteSource() = default;

std::unique_ptr<ByteSource> ByteSource::OpenFile(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  if (path == "-") {
    impl->fd = 0;
  } else {
    impl->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (impl->fd < 0) throw InputError(std::string("cannot open: ") + strerror(errno));
    impl->own_fd = true;
    struct stat st;
    if (fstat(impl->fd, &st) == 0) {
      if (S_ISDIR(st.st_mode)) throw InputError("is a directory");
      impl->file_size = st.st_size;
    }
  }
  return std::unique_ptr<ByteSource>(new ByteSource(std::move(impl)));
}

std::unique_ptr<ByteSource> ByteSource::FromString(std::string bytes) {
  auto impl = std::make_unique<Impl>();
  impl->file_size = bytes.size();
  impl->memory = std::move(bytes);
  return std::unique_ptr<ByteSource>(new ByteSource(std::move(impl)));
}

bool ByteSource::Fill() {
  Impl& s = *impl_;
  if (s.pos > 0) {
    s.buf.erase(0, s.pos);
    s.pos = 0;
  }
  if (!s.gzip_checked) {
    // Sniff the gzip magic from the first raw bytes.
    size_t have = 0;
    while (have < 2 && !s.raw_eof) {
      size_t k = s.ReadRaw(s.raw.data() + have, s.raw.size() - have);
      if (k == 0) s.raw_eof = true;
      have += k;
    }
    s.gzip_checked = true;
    s.gzip = have >= 2 && uint8_t(s.raw[0]) == 0x1f && uint8_t(s.raw[1]) == 0x8b;
    if (s.gzip) {
      if (inflateInit2(&s.z, 15 + 16) != Z_OK) throw InputError("zlib init failed");
      s.z.next_in = reinterpret_cast<Bytef*>(s.raw.data());
      s.z.avail_in = have;
      s.in_member = true;
    } else {
      s.buf.append(s.raw.data(), have);
      return have > 0;
    }
  }
  if (!s.gzip) {
    size_t old = s.buf.size();
    s.buf.resize(old + kChunk);
    size_t k = s.raw_eof ? 0 : s.ReadRaw(s.buf.data() + old, kChunk);
    s.buf.resize(old + k);
    if (k == 0) s.raw_eof = true;
    return k > 0;
  }
  // Inflate until some output appears or the input ends.
  size_t before = s.buf.size();
  char out[kChunk];
  while (s.buf.size() == before) {
    if (s.z.avail_in == 0 && !s.raw_eof) {
      size_t k = s.ReadRaw(s.raw.data(), s.raw.size());
      if (k == 0) s.raw_eof = true;
      s.z.next_in = reinterpret_cast<Bytef*>(s.raw.data());
      s.z.avail_in = k;
    }
    if (s.z.avail_in == 0 && s.raw_eof) {
      if (s.in_member) throw InputError("truncated gzip stream");
      return false;
    }
    if (!s.in_member) {
      // Between members: another member must start with the magic; anything else (zero
      // padding some writers leave) ends the stream.
      if (s.z.avail_in >= 1 && uint8_t(s.z.next_in[0]) != 0x1f) return false;
      inflateReset(&s.z);
      s.in_member = true;
    }
    s.z.next_out = reinterpret_cast<Bytef*>(out);
    s.z.avail_out = sizeof(out);
    int rc = inflate(&s.z, Z_NO_FLUSH);
    s.buf.append(out, sizeof(out) - s.z.avail_out);
    if (rc == Z_STREAM_END) {
      s.in_member = false;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      throw InputError(std::string("damaged gzip stream: ") + (s.z.msg ? s.z.msg : "inflate error"));
    }
  }
  return true;
}

size_t ByteSource::Read(char* out, size_t n) {
  Impl& s = *impl_;
  if (s.pos == s.buf.size() && !Fill()) return 0;
  size_t k = std::min(n, s.buf.size() - s.pos);
  memcpy(out, s.buf.data() + s.pos, k);
  s.pos += k;
  return k;
}

bool ByteSource::ReadLine(std::string& line, size_t limit, bool* too_long) {
  Impl& s = *impl_;
  line.clear();
  if (too_long) *too_long = false;
  bool any = false;
  for (;;) {
    const char* begin = s.buf.data() + s.pos;
    size_t avail = s.buf.size() - s.pos;
    const char* nl = static_cast<const char*>(memchr(begin, '\n', avail));
    size_t take = nl ? static_cast<size_t>(nl - begin) : avail;
    any = any || take > 0 || nl;
    // Past the limit the rest of the line is read and dropped, never held.
    size_t room = line.size() < limit ? limit - line.size() : 0;
    if (take > room && too_long) *too_long = true;
    line.append(begin, std::min(take, room));
    if (nl) {
      s.pos = nl - s.buf.data() + 1;
      break;
    }
    s.pos = s.buf.size();
    if (!Fill()) break;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return any;
}

std::string_view ByteSource::Peek(size_t n) {
  Impl& s = *impl_;
  while (s.buf.size() - s.pos < n) {
    if (!Fill()) break;
  }
  return std::string_view(s.buf).substr(s.pos, n);
}

std::string ByteSource::ReadAll(size_t limit) {
  std::string all;
  char chunk[kChunk];
  while (size_t k = Read(chunk, sizeof(chunk))) {
    if (all.size() + k > limit) {
      throw InputError("too large for one document (over " + std::to_string(limit >> 20) + " MiB)");
    }
    all.append(chunk, k);
  }
  return all;
}

bool ByteSource::gzipped() const { return impl_->gzip; }
uint64_t ByteSource::compressed_offset() const { return impl_->consumed; }
uint64_t ByteSource::size() const { return impl_->file_size; }

}  // namespace sitrep
