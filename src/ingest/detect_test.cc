#include "ingest/detect.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(DetectFormat, ByContentNotExtension) {
  EXPECT_EQ(DetectFormat("<!DOCTYPE html><html><body><p>x</p>", "a.txt"), Format::kHtml);
  EXPECT_EQ(DetectFormat("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>", "a.html"),
            Format::kFeed);
  EXPECT_EQ(DetectFormat("<?xml version='1.0'?><!-- c --><feed xmlns=\"http://www.w3.org/2005/Atom\">",
                         "x"),
            Format::kFeed);
  EXPECT_EQ(DetectFormat("<rdf:RDF xmlns:rdf=\"x\">", "x"), Format::kFeed);
  EXPECT_EQ(DetectFormat("WARC/1.1\r\nWARC-Type: warcinfo\r\n", "x.html"), Format::kWarc);
  EXPECT_EQ(DetectFormat("filedesc://IAH-20080430204825-00000-blackbook.arc 0.0.0.0", "x"),
            Format::kArc);
  EXPECT_EQ(DetectFormat("{\"url\": \"https://e.org\", \"text\": \"t\"}\n", "x.txt"), Format::kJsonl);
  EXPECT_EQ(DetectFormat("Putin came to Minsk on Monday.", "x.html"), Format::kText);
  EXPECT_EQ(DetectFormat("{curly start but prose", "x"), Format::kText);
}

TEST(DetectFormat, EmptyAndBinary) {
  EXPECT_EQ(DetectFormat("", "x"), Format::kEmpty);
  EXPECT_EQ(DetectFormat(" \n\t\n", "x"), Format::kEmpty);
  EXPECT_EQ(DetectFormat(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "x"), Format::kBinary);
}

}  // namespace
}  // namespace sitrep
