// The one place that includes OpenGL: GLFW with the core-profile prototypes
// (GLFW_INCLUDE_GLCOREARB and GL_GLEXT_PROTOTYPES are set by the build).
#pragma once
#include <GLFW/glfw3.h>
