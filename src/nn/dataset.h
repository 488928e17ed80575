// What the Trainer reads batches from: inputs as columns (features x B) and, per
// sample, either a class label (classification) or a column of target values.
#pragma once
#include <span>

#include "core/tensor.h"
#include "data/cifar.h"
#include "data/normalizer.h"

namespace bs::nn {

class Dataset {
 public:
  virtual ~Dataset() = default;
  virtual int size() const = 0;
  virtual int features() const = 0;
  // > 0: samples have class labels 0..classes-1; 0: they have target columns.
  virtual int classes() const = 0;
  virtual int targetRows() const { return 1; }
  virtual void inputs(std::span<const int> idx, Mat<float>& x) const = 0;
  // Labels as one row of class indices (1 x B), or target columns (targetRows x B).
  virtual void targets(std::span<const int> idx, Mat<float>& t) const = 0;
};

// CIFAR-10 images kept as bytes, converted (and normalised) batch by batch.
class ImageDataset : public Dataset {
 public:
  ImageDataset(const data::ImageSet& set, const data::Normalizer& norm) : set_(set), norm_(norm) {}
  int size() const override { return set_.size(); }
  int features() const override { return data::ImageSet::kPixels; }
  int classes() const override { return data::ImageSet::kClasses; }
  void inputs(std::span<const int> idx, Mat<float>& x) const override { norm_.batch(set_, idx, x); }
  void targets(std::span<const int> idx, Mat<float>& t) const override;

 private:
  const data::ImageSet& set_;
  const data::Normalizer& norm_;
};

// Samples held as float columns; targets are class indices (1 x N, classes > 0) or
// values (rows x N, classes = 0).
class TensorDataset : public Dataset {
 public:
  TensorDataset(Mat<float> x, Mat<float> t, int classes) : x_(std::move(x)), t_(std::move(t)), classes_(classes) {}
  int size() const override { return int(x_.cols()); }
  int features() const override { return int(x_.rows()); }
  int classes() const override { return classes_; }
  int targetRows() const override { return int(t_.rows()); }
  void inputs(std::span<const int> idx, Mat<float>& x) const override;
  void targets(std::span<const int> idx, Mat<float>& t) const override;

 private:
  Mat<float> x_, t_;
  int classes_;
};

}  // namespace bs::nn
