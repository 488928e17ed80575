// Saving and loading trained parameters together with the preset they belong to.
// Layout: "BSMODEL1", then length-prefixed preset name and preset text, the number of
// parameters, and per parameter its name, rows, cols and float64 values; finally an
// FNV-1a checksum of everything before it. Written to a temporary file, then renamed.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "nn/network.h"

namespace bs::nn {

struct ModelFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct SavedModel {
  std::string preset, presetSource;
  std::vector<std::pair<std::string, Tensor>> params;
};

void saveModel(const std::string& path, const std::string& presetName, const std::string& presetSource, const Model& m);
// Throws ModelFileError if the file is missing, damaged or not a model file.
SavedModel readModel(const std::string& path);
// Copies the saved parameters into the model's graph; refuses (ModelFileError) a file
// made for another preset or with other parameter shapes.
void applyModel(const SavedModel& saved, const std::string& path, const std::string& presetName, Model& m);

}  // namespace bs::nn
