#include "ingest/ingest.h"

#include <algorithm>
#include <filesystem>

#include "ingest/detect.h"
#include "util/byte_source.h"

namespace sitrep {

namespace fs = std::filesystem;

namespace {

void AddFolder(const fs::path& dir, std::vector<std::string>& out) {
  std::vector<std::string> found;
  std::error_code ec;
  auto options = fs::directory_options::skip_permission_denied;
  for (auto it = fs::recursive_directory_iterator(dir, options, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(".")) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    // Markdown files in a folder are notes about the articles (a README, a checklist),
    // not articles; naming one on the command line still ingests it.
    if (it->is_regular_file() && !name.ends_with(".md")) found.push_back(it->path().string());
  }
  if (ec) throw InputError(dir.string() + ": cannot list folder: " + ec.message());
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
}

// A single text or HTML document: the file's name and bytes.
Document WholeFile(ByteSource& in, const std::string& path, bool is_html, size_t limit) {
  Document doc;
  doc.origin = path;
  doc.container = is_html ? "html" : "text";
  doc.is_html = is_html;
  doc.body = in.ReadAll(limit);
  return doc;
}

}  // namespace

std::vector<std::string> ListInputs(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    if (p == "-") {
      out.push_back(p);
      continue;
    }
    std::error_code ec;
    auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) throw InputError(p + ": no such file or folder");
    if (fs::is_directory(status)) {
      AddFolder(p, out);
    } else {
      out.push_back(p);
    }
  }
  return out;
}

void ReadInput(const std::string& path, const ReadOptions& options, const DocumentSink& sink,
               const RecordErrorSink& on_error, const std::function<void(uint64_t)>& on_progress) {
  auto in = ByteSource::OpenFile(path);
  std::string_view head = in->Peek(8192);
  Format format = DetectFormat(head, path);
  DocumentSink counted = sink;
  if (on_progress) {
    counted = [&](Document&& doc) {
      sink(std::move(doc));
      on_progress(in->compressed_offset());
    };
  }
  switch (format) {
    case Format::kEmpty: throw InputError("empty file");
    case Format::kBinary:
      throw InputError(std::string(DescribeBinary(head)) +
                       ", not text, HTML, JSON Lines, WARC or an RSS/Atom feed");
    case Format::kJsonl: ReadJsonl(*in, path, options.fields, counted, on_error); break;
    case Format::kWarc:
    case Format::kArc: ReadWarc(*in, path, counted, on_error); break;
    case Format::kFeed: {
      std::string xml = in->ReadAll(options.max_document_bytes);
      ReadFeed(xml, path, counted, on_error);
      break;
    }
    case Format::kHtml:
    case Format::kText:
      counted(WholeFile(*in, path, format == Format::kHtml, options.max_document_bytes));
      break;
  }
}

}  // namespace sitrep
