#version 330 core
// Diverging colour map: blue for negative, white for zero, red for positive.
// `values` holds one float per cell, row 0 first; `scale` is 1 / the largest |value|.
in vec2 uv;
out vec4 colour;
uniform sampler2D values;
uniform float scale;

const vec3 blue = vec3(0.129, 0.400, 0.674);
const vec3 white = vec3(0.969, 0.969, 0.969);
const vec3 red = vec3(0.698, 0.094, 0.169);

void main() {
  float v = texture(values, vec2(uv.x, 1.0 - uv.y)).r;  // row 0 at the top
  float t = clamp(v * scale, -1.0, 1.0);
  vec3 c = t < 0.0 ? mix(white, blue, -t) : mix(white, red, t);
  colour = vec4(c, 1.0);
}
