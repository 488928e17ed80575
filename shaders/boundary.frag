#version 330 core
// A two-input network's output over the input plane: red where it says +1, blue
// where it says -1, white in between, and the decision boundary (output 0) as a dark
// line. `values` is the output on a grid, filtered linearly, row 0 at the bottom.
in vec2 uv;
out vec4 colour;
uniform sampler2D values;

const vec3 blue = vec3(0.129, 0.400, 0.674);
const vec3 white = vec3(0.969, 0.969, 0.969);
const vec3 red = vec3(0.698, 0.094, 0.169);

void main() {
  float v = texture(values, uv).r;
  float t = clamp(v, -1.0, 1.0);
  vec3 c = t < 0.0 ? mix(white, blue, -0.75 * t) : mix(white, red, 0.75 * t);
  float w = max(fwidth(v), 1e-6);
  float line = 1.0 - smoothstep(0.5 * w, 1.5 * w, abs(v));
  colour = vec4(mix(c, vec3(0.1), line), 1.0);
}
