#include "ner/ner.h"

#include <fstream>
#include <stdexcept>

#include "ner/model.h"
#include "util/models.h"

namespace sitrep::ner {

NerModel::NerModel() : parts_(std::make_unique<ModelParts>()) {}
NerModel::~NerModel() = default;
NerModel::NerModel(NerModel&&) noexcept = default;
NerModel& NerModel::operator=(NerModel&&) noexcept = default;

NerModel NerModel::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error(path + ": cannot open the NER model (build it with `sitrep train ner`, "
                                    "see README.md, or point --model / SITREP_NER_MODEL at one)");
  std::string bytes;
  in.seekg(0, std::ios::end);
  if (const std::streamoff size = in.tellg(); size > 0) {
    bytes.resize(size_t(size));
    in.seekg(0);
    in.read(bytes.data(), size);
    if (in.gcount() != size) bytes.resize(size_t(in.gcount()));
  } else {  // not a seekable file (a pipe): read it as a stream
    in.clear();
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  NerModel m;
  try {
    Deserialise(bytes, *m.parts_);
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
  return m;
}

void NerModel::Save(const std::string& path) const {
  std::string bytes = Serialise(*parts_);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), std::streamsize(bytes.size()));
  if (!out) throw std::runtime_error(path + ": cannot write the model");
}

std::string DefaultModelPath() { return ModelPath("SITREP_NER_MODEL", "ner.model"); }

namespace {

std::string IobTag(uint8_t label) {
  if (label == 0) return "O";
  const int pos = LabelPos(label);
  return std::string(pos == 0 || pos == 3 ? "B-" : "I-") + TypeName(LabelType(label));
}

EntityType EntityTypeOf(int type) {
  switch (type) {
    case 0: return EntityType::kPerson;
    case 1: return EntityType::kOrganisation;
    case 2: return EntityType::kPlace;
    default: return EntityType::kMisc;
  }
}

}  // namespace

std::vector<std::vector<std::string>> TagSentences(const NerModel& model,
                                                   const std::vector<std::vector<std::string>>& sentences) {
  DocInput doc;
  for (const auto& s : sentences) {
    if (s.empty()) continue;
    doc.sentence_begin.push_back(uint32_t(doc.words.size()));
    for (const auto& w : s) doc.words.push_back(NormaliseWord(w));
  }
  std::vector<uint8_t> labels;
  TagDocument(model.parts(), doc, labels);
  std::vector<std::vector<std::string>> out;
  size_t at = 0;
  for (const auto& s : sentences) {
    out.emplace_back();
    for (size_t i = 0; i < s.size(); ++i) out.back().push_back(IobTag(labels[at++]));
  }
  return out;
}

void TagMentions(const NerModel& model, Article& article) {
  article.mentions.clear();
  static thread_local DocInput doc;
  static thread_local std::vector<uint8_t> labels;
  doc.words.clear();
  doc.sentence_begin.clear();
  // Tokens grouped by the sentence they fall in; a token outside every sentence (none, when
  // Segment made both layers) starts a sentence of its own run.
  size_t sentence = 0;
  uint32_t current_end = 0;
  for (const Span& t : article.tokens) {
    while (sentence < article.sentences.size() && article.sentences[sentence].span.end <= t.begin)
      ++sentence;
    const bool inside = sentence < article.sentences.size() &&
                        article.sentences[sentence].span.begin <= t.begin;
    const uint32_t end = inside ? article.sentences[sentence].span.end : UINT32_MAX;
    if (doc.words.empty() || end != current_end) {
      doc.sentence_begin.push_back(uint32_t(doc.words.size()));
      current_end = end;
    }
    doc.words.push_back(NormaliseWord(article.Text(t)));
  }
  if (doc.words.empty()) return;
  TagDocument(model.parts(), doc, labels);
  for (size_t i = 0; i < labels.size(); ++i) {
    const int pos = LabelPos(labels[i]);
    if (pos != 0 && pos != 3) continue;
    size_t j = i;
    while (pos == 0 && j + 1 < labels.size() && LabelPos(labels[j]) != 2) ++j;
    article.mentions.push_back({{article.tokens[i].begin, article.tokens[j].end},
                                EntityTypeOf(LabelType(labels[i])), {}});
    i = j;
  }
}

}  // namespace sitrep::ner
