// The place matcher's boosted trees on invented data: they learn a rule no single threshold
// expresses, save and load to the same scores, and refuse a file that is not a model.
#include "entities/place_model.h"

#include <gtest/gtest.h>

#include <sstream>

namespace sitrep::names {
namespace {

// One place when the first feature is high, unless the second (say, differing numbers) is set.
void Invented(std::vector<std::vector<double>>& x, std::vector<bool>& y) {
  for (int i = 0; i < 200; ++i) {
    double sim = (i % 20) / 19.0;
    double numbers_differ = (i / 20) % 2;
    x.push_back({sim, numbers_differ});
    y.push_back(sim > 0.5 && numbers_differ == 0);
  }
}

TEST(PlaceModel, LearnsAnInteraction) {
  std::vector<std::vector<double>> x;
  std::vector<bool> y;
  Invented(x, y);
  PlaceTrainOptions o;
  o.trees = 100;
  o.shrinkage = 0.3;
  auto m = PlaceModel::Train(x, y, o);
  double same[] = {0.9, 0}, numbered[] = {0.9, 1}, unlike[] = {0.1, 0};
  EXPECT_GT(m.Score(same, 2), 0.9);
  EXPECT_LT(m.Score(numbered, 2), 0.1);
  EXPECT_LT(m.Score(unlike, 2), 0.1);
}

TEST(PlaceModel, SavesAndLoadsTheSameScores) {
  std::vector<std::vector<double>> x;
  std::vector<bool> y;
  Invented(x, y);
  PlaceTrainOptions o;
  o.trees = 20;
  auto m = PlaceModel::Train(x, y, o);
  std::stringstream file;
  m.Save(file);
  auto loaded = PlaceModel::Load(file, "invented.model");
  EXPECT_EQ(loaded.tree_count(), 20u);
  for (const auto& row : x) EXPECT_NEAR(loaded.Score(row.data(), 2), m.Score(row.data(), 2), 1e-6);
}

TEST(PlaceModel, RefusesWhatIsNotAModel) {
  std::stringstream garbage("hello world");
  EXPECT_THROW(PlaceModel::Load(garbage, "garbage.model"), std::runtime_error);
  std::stringstream truncated("sitrep-places-model 1\nfeatures 2\nbias 0\nlinear 0\ntrees 3\ntree 1\nleaf 0.1\n");
  EXPECT_THROW(PlaceModel::Load(truncated, "truncated.model"), std::runtime_error);
  std::stringstream cycle("sitrep-places-model 1\nfeatures 2\nbias 0\nlinear 0\ntrees 1\ntree 1\n0 0.5 0 0\n");
  EXPECT_THROW(PlaceModel::Load(cycle, "cycle.model"), std::runtime_error);
  EXPECT_THROW(PlaceModel::Load("/nonexistent/places.model"), std::runtime_error);
}

TEST(PlaceModel, TheCommittedModelLoads) {
  ASSERT_NE(DefaultPlaceModel(), nullptr) << PlaceModelError();
  EXPECT_GT(DefaultPlaceModel()->tree_count(), 0u);
}

}  // namespace
}  // namespace sitrep::names
