#version 330 core
// Diverging colour map: blue for negative, white for zero, red for positive.
// `values` holds one cell per texel, row 0 first, already scaled into [-1, 1]; beyond
// that the codes of session/heatmap_image.h: 4 NaN (black), 3 +Inf (dark red), -3 -Inf
// (dark blue).
in vec2 uv;
out vec4 colour;
uniform sampler2D values;

const vec3 blue = vec3(0.129, 0.400, 0.674);
const vec3 white = vec3(0.969, 0.969, 0.969);
const vec3 red = vec3(0.698, 0.094, 0.169);

void main() {
  float v = texture(values, vec2(uv.x, 1.0 - uv.y)).r;  // row 0 at the top
  if (v > 3.5) { colour = vec4(0.0, 0.0, 0.0, 1.0); return; }
  if (v > 2.5) { colour = vec4(0.35, 0.0, 0.05, 1.0); return; }
  if (v < -2.5) { colour = vec4(0.0, 0.08, 0.3, 1.0); return; }
  float t = clamp(v, -1.0, 1.0);
  vec3 c = t < 0.0 ? mix(white, blue, -t) : mix(white, red, t);
  colour = vec4(c, 1.0);
}
