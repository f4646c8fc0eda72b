#include "util/byte_source.h"

#include <gtest/gtest.h>

#include "util/input_error.h"
#include "util/test_support.h"

namespace sitrep {
namespace {

TEST(ByteSource, ReadsLinesOfPlainInput) {
  auto in = ByteSource::FromString("one\r\ntwo\n\nthree");
  std::string line;
  std::vector<std::string> lines;
  while (in->ReadLine(line)) lines.push_back(line);
  EXPECT_EQ(lines, (std::vector<std::string>{"one", "two", "", "three"}));
  EXPECT_FALSE(in->gzipped());
}

TEST(ByteSource, GunzipsEveryMember) {
  auto in = ByteSource::FromString(testing::Gzip("first member\n") + testing::Gzip("second member\n"));
  EXPECT_EQ(in->Peek(5), "first");
  EXPECT_EQ(in->ReadAll(1 << 20), "first member\nsecond member\n");
  EXPECT_TRUE(in->gzipped());
}

TEST(ByteSource, TruncatedGzipIsAnError) {
  std::string gz = testing::Gzip(std::string(100000, 'a') + "tail");
  auto in = ByteSource::FromString(gz.substr(0, gz.size() / 2));
  EXPECT_THROW(in->ReadAll(1 << 20), InputError);
}

TEST(ByteSource, DamagedGzipIsAnError) {
  std::string gz = testing::Gzip("some text that compresses");
  for (size_t i = 12; i < gz.size() - 8; ++i) gz[i] = static_cast<char>(0xA5);
  auto in = ByteSource::FromString(gz);
  EXPECT_THROW(in->ReadAll(1 << 20), InputError);
}

TEST(ByteSource, ReadAllRefusesWhatIsTooLarge) {
  auto in = ByteSource::FromString(std::string(3 << 20, 'x'));
  EXPECT_THROW(in->ReadAll(1 << 20), InputError);
}

}  // namespace
}  // namespace sitrep

namespace sitrep {
namespace {

TEST(ByteSource, OverlongLinesAreCutNotHeld) {
  auto in = ByteSource::FromString("short\n" + std::string(200000, 'x') + "\nnext");
  std::string line;
  bool too_long = false;
  ASSERT_TRUE(in->ReadLine(line, 1000, &too_long));
  EXPECT_EQ(line, "short");
  EXPECT_FALSE(too_long);
  ASSERT_TRUE(in->ReadLine(line, 1000, &too_long));
  EXPECT_EQ(line.size(), 1000u);
  EXPECT_TRUE(too_long);
  ASSERT_TRUE(in->ReadLine(line, 1000, &too_long));
  EXPECT_EQ(line, "next");
  EXPECT_FALSE(in->ReadLine(line));
}

}  // namespace
}  // namespace sitrep
