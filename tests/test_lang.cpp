#include "testing.h"
#include "core/stepper.h"
#include "lang/parser.h"
using namespace bs;
TEST_CASE("placeholder") { CHECK(true); }
