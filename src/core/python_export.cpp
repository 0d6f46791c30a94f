// core/python_export.cpp: writes the NumPy script (see python_export.h), one layer of the forward pass and one
// of the backward pass at a time, each line with the course's formula beside it. std + Eigen only.
#include "core/python_export.h"

#include "core/ops.h"

#include <cstdio>
#include <sstream>

namespace pg {

namespace {

std::string f9(float v) {  // a float32 printed so it reads back exactly
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", double(v));
  return buf;
}

std::string clean(std::string s) {  // text going into a comment: no line breaks or other control characters
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return s;
}

std::string shape_of(Index r, const std::string& c) { return "(" + std::to_string(r) + " x " + c + ")"; }

// NAME = np.array([[...], ...], dtype=float)  # comment
void matrix(std::ostringstream& s, const std::string& name, const Mat& M, const std::string& comment) {
  s << name << " = np.array([";
  for (Index r = 0; r < M.rows(); ++r) {
    s << (r ? ",\n    [" : "\n    [");
    for (Index c = 0; c < M.cols(); ++c) s << (c ? ", " : "") << f9(M(r, c));
    s << "]";
  }
  s << "], dtype=float)  # " << comment << "\n";
}

// g(Z) and g'(Z) (from Z or the cached A) as NumPy expressions, for an elementwise activation.
std::string act_expr(Act f, const std::string& Z) {
  switch (f) {
    case Act::Linear: return Z;
    case Act::Sigmoid: return "sigmoid(" + Z + ")";
    case Act::Tanh: return "np.tanh(" + Z + ")";
    case Act::Relu: return "np.maximum(" + Z + ", 0)";
    case Act::LeakyRelu: return "np.where(" + Z + " > 0, " + Z + ", " + f9(kLeakyReluSlope) + " * " + Z + ")";
    case Act::Elu: return "np.where(" + Z + " > 0, " + Z + ", " + f9(kEluAlpha) + " * np.expm1(np.minimum(" + Z + ", 0)))";
    case Act::Softplus: return "np.logaddexp(0, " + Z + ")";
    case Act::Softmax: return "softmax(" + Z + ")";
  }
  return Z;
}
std::string act_grad_expr(Act f, const std::string& Z, const std::string& A) {
  switch (f) {
    case Act::Linear: return "1";
    case Act::Sigmoid: return A + " * (1 - " + A + ")";
    case Act::Tanh: return "(1 - " + A + "**2)";
    case Act::Relu: return "(" + Z + " > 0)";
    case Act::LeakyRelu: return "np.where(" + Z + " > 0, 1.0, " + f9(kLeakyReluSlope) + ")";
    case Act::Elu: return "np.where(" + Z + " > 0, 1.0, " + f9(kEluAlpha) + " * np.exp(np.minimum(" + Z + ", 0)))";
    case Act::Softplus: return "sigmoid(" + Z + ")";
    case Act::Softmax: break;
  }
  return "1";
}
std::string act_grad_comment(Act f) {
  switch (f) {
    case Act::Linear: return "linear: g′(Z) = 1";
    case Act::Sigmoid: return "sigmoid′(Z) = A (1 - A)";
    case Act::Tanh: return "tanh′(Z) = 1 - A^2";
    case Act::Relu: return "relu′(Z) = [Z > 0]";
    case Act::LeakyRelu: return "lrelu′(Z) = 1 if Z > 0 else 0.01";
    case Act::Elu: return "elu′(Z) = 1 if Z > 0 else e^Z";
    case Act::Softplus: return "softplus′(Z) = sigmoid(Z)";
    case Act::Softmax: return "";
  }
  return "";
}

}  // namespace

std::string python_script(const Network& net, const Mat& X, const Mat& Y, const PythonScriptOptions& o,
                          std::string& error) {
  const Arch& a = net.arch;
  const int L = a.num_layers();
  if (X.cols() == 0 || X.cols() != Y.cols()) error = "the minibatch is empty, or X and Y have different sample counts";
  else if (X.rows() != a.input_dim || Y.rows() != a.output_dim) error = "X or Y does not fit the network's input or output size";
  else if (net.W.size() != size_t(L) || !net.all_finite() || !X.allFinite() || !Y.allFinite())
    error = "a weight, an input or a target is not a finite number";
  if (!error.empty()) return "";
  const bool penalty = o.reg != Reg::None && o.lambda != 0;
  const std::string Ls = std::to_string(L), AL = "A" + Ls, ZL = "Z" + Ls;
  bool uses_sigmoid = a.out == Act::Sigmoid || a.out == Act::Softplus, uses_softmax = a.out == Act::Softmax;
  for (Act f : a.hidden_act) uses_sigmoid = uses_sigmoid || f == Act::Sigmoid || f == Act::Softplus;

  std::ostringstream s;
  s << "#!/usr/bin/env python3\n"
       "# Backprop Playground: one training step's forward and backward pass, written with the course's Jacobians.\n"
       "# Model: " << clean(o.model) << "\n"
       "# Weights at step " << o.step << "; the minibatch of N = " << X.cols() << " samples the next step trains on.\n";
  if (!o.link.empty()) s << "# Link: " << clean(o.link) << "\n";
  s << "# NumPy only (Debian: python3-numpy). The playground trains in float32; this script computes in float64\n"
       "# from the same float32 numbers, so what it prints agrees with `bprop export` to about 1e-6 relative.\n"
       "# Conventions: a batch is columns (X is D x N); W[l] is n[l] x n[l-1]; Z[l] = W[l] A[l-1] + b[l], A[0] = X;\n"
       "# dX means ∂L/∂X and has the shape of X; L = data loss (mean over the batch) + penalty.\n"
       "import numpy as np\n\n";
  if (uses_sigmoid) s << "def sigmoid(Z):\n    return 0.5 * (1 + np.tanh(0.5 * Z))  # = 1 / (1 + e^-Z), without overflow\n\n";
  if (uses_softmax)
    s << "def softmax(Z):  # column by column: s = e^(z - max z) / sum e^(z - max z)\n"
         "    E = np.exp(Z - Z.max(axis=0, keepdims=True))\n"
         "    return E / E.sum(axis=0, keepdims=True)\n\n";

  s << "# ---- the minibatch (one sample per column) and the parameters ----\n";
  matrix(s, "X", X, "inputs " + shape_of(X.rows(), "N"));
  matrix(s, "Y", Y, "targets " + shape_of(Y.rows(), "N"));
  for (int l = 1; l <= L; ++l) {
    const std::string ls = std::to_string(l);
    matrix(s, "W" + ls, net.W[size_t(l - 1)], "W[" + ls + "] " + shape_of(a.width(l), std::to_string(a.width(l - 1))));
    matrix(s, "b" + ls, Mat(net.b[size_t(l - 1)]), "b[" + ls + "] " + shape_of(a.width(l), "1"));
  }
  s << "lam = " << f9(penalty ? o.lambda : 0.0f) << "  # regularization rate lambda ("
    << (penalty ? std::string(reg_name(o.reg)) : std::string("none")) << ")\n"
    << "N = X.shape[1]\n\n";

  s << "# ---- forward: Z[l] = W[l] A[l−1] + b[l], A[l] = g[l](Z[l]) ----\nA0 = X\n";
  for (int l = 1; l <= L; ++l) {
    const std::string ls = std::to_string(l), Z = "Z" + ls;
    s << Z << " = W" << ls << " @ A" << l - 1 << " + b" << ls << "  # " << shape_of(a.width(l), "N") << "\n";
    s << "A" << ls << " = " << act_expr(a.act(l), Z) << "  # " << act_name(a.act(l)) << (l == L ? ": ŷ" : "") << "\n";
  }

  s << "\n# ---- loss: " << loss_name(a.loss) << ", the mean over the batch ----\n";
  const bool fused = is_fused(a.out, a.loss);
  if (a.out == Act::Sigmoid && a.loss == Loss::Bce) {
    s << "# from the logits: -log sigmoid(z) = softplus(-z), -log(1 - sigmoid(z)) = softplus(z)\n"
      << "data_loss = np.sum(Y * np.logaddexp(0, -" << ZL << ") + (1 - Y) * np.logaddexp(0, " << ZL << ")) / N\n";
  } else if (a.out == Act::Softmax && a.loss == Loss::Cce) {
    s << "# from the logits: -log softmax(z)_k = logsumexp(z) - z_k\n"
      << "M = " << ZL << ".max(axis=0, keepdims=True)\n"
      << "logsumexp = M + np.log(np.sum(np.exp(" << ZL << " - M), axis=0, keepdims=True))\n"
      << "data_loss = np.sum(Y * (logsumexp - " << ZL << ")) / N\n";
  } else if (a.loss == Loss::Mse) {
    s << "data_loss = np.sum((" << AL << " - Y)**2) / N\n";
  } else if (a.loss == Loss::Bce) {
    s << "P = np.clip(" << AL << ", 1e-7, 1 - 1e-7)  # the engine clamps ŷ so log stays finite\n"
      << "data_loss = -np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / N\n";
  } else {
    s << "P = np.maximum(" << AL << ", 1e-7)  # the engine clamps ŷ so log stays finite\n"
      << "data_loss = -np.sum(Y * np.log(P)) / N\n";
  }
  if (penalty) {
    s << "penalty = lam * (";
    for (int l = 1; l <= L; ++l)
      s << (l > 1 ? " + " : "") << (o.reg == Reg::L1 ? "np.sum(np.abs(W" + std::to_string(l) + "))" : "np.sum(0.5 * W" + std::to_string(l) + "**2)");
    s << ")  # " << (o.reg == Reg::L1 ? "L1: lambda sum |w|" : "L2: (lambda/2) sum w^2") << " over the weights (not the biases)\n";
  } else {
    s << "penalty = 0.0  # no regularizer\n";
  }
  s    << "objective = data_loss + penalty  # L, what the optimizer minimises\n";

  s << "\n# ---- backward: one layer at a time, with the course's Jacobians ----\n";
  if (fused) {
    s << "dZ" << Ls << " = (" << AL << " - Y) / N  # " << act_name(a.out) << " + " << loss_name(a.loss)
      << " fused: ∂L/∂Z = (ŷ − Y)/N, the product of the two Jacobians\n";
  } else {
    s << "dA" << Ls << " = ";
    if (a.loss == Loss::Mse) s << "2 * (" << AL << " - Y) / N  # ∂L/∂ŷ of MSE: (2/N)(ŷ − y)\n";
    else if (a.loss == Loss::Bce) s << "(P - Y) / (P * (1 - P)) / N  # ∂L/∂ŷ of BCE\n";
    else s << "-Y / P / N  # ∂L/∂ŷ of CCE\n";
    if (a.out == Act::Softmax)
      s << "dZ" << Ls << " = " << AL << " * (dA" << Ls << " - np.sum(" << AL << " * dA" << Ls
        << ", axis=0, keepdims=True))  # softmax Jacobian diag(s) − s sᵀ, applied per column\n";
    else if (a.out == Act::Linear)
      s << "dZ" << Ls << " = dA" << Ls << "  # " << act_grad_comment(a.out) << "\n";
    else
      s << "dZ" << Ls << " = dA" << Ls << " * " << act_grad_expr(a.out, ZL, AL) << "  # ∂L/∂Z = ∂L/∂A ⊙ g′(Z): "
        << act_grad_comment(a.out) << " (the diagonal Jacobian, applied without building it)\n";
  }
  for (int l = L; l >= 1; --l) {
    const std::string ls = std::to_string(l), pl = std::to_string(l - 1);
    s << "# layer " << ls << "\n";
    if (penalty) {
      s << "dW" << ls << "_data = dZ" << ls << " @ A" << pl << ".T  # ∂L/∂W = ∂L/∂Z A[l−1]ᵀ\n"
        << "dW" << ls << "_penalty = " << (o.reg == Reg::L1 ? "lam * np.sign(W" + ls + ")" : "lam * W" + ls)
        << "  # the penalty's own term\n"
        << "dW" << ls << " = dW" << ls << "_data + dW" << ls << "_penalty\n";
    } else {
      s << "dW" << ls << " = dZ" << ls << " @ A" << pl << ".T  # ∂L/∂W = ∂L/∂Z A[l−1]ᵀ\n";
    }
    s << "db" << ls << " = np.sum(dZ" << ls << ", axis=1, keepdims=True)  # b is shared by the N samples: the sum over the batch\n"
      << "dA" << pl << " = W" << ls << ".T @ dZ" << ls << "  # ∂L/∂A[l−1] = W[l]ᵀ ∂L/∂Z[l]" << (l == 1 ? " (= ∂L/∂X)" : "") << "\n";
    if (l > 1) {
      const Act f = a.act(l - 1);
      const std::string Z = "Z" + pl, A = "A" + pl;
      if (f == Act::Linear) s << "dZ" << pl << " = dA" << pl << "  # " << act_grad_comment(f) << "\n";
      else
        s << "dZ" << pl << " = dA" << pl << " * " << act_grad_expr(f, Z, A) << "  # ∂L/∂Z = ∂L/∂A ⊙ g′(Z): " << act_grad_comment(f)
          << "\n";
    }
  }

  s << "\n# ---- every number, full precision, one a line: name[row,col] = value ----\n"
       "def show(name, M):\n"
       "    for (r, c), v in np.ndenumerate(np.atleast_2d(M)):\n"
       "        print(f\"{name}[{r},{c}] = {v:.17g}\")\n\n"
       "print(f\"data_loss = {data_loss:.17g}\")\n"
       "print(f\"penalty = {penalty:.17g}\")\n"
       "print(f\"objective = {objective:.17g}\")\n";
  if (!fused) s << "show(\"dA" << Ls << "\", dA" << Ls << ")\n";
  for (int l = L; l >= 1; --l) {
    const std::string ls = std::to_string(l), pl = std::to_string(l - 1);
    s << "show(\"dZ" << ls << "\", dZ" << ls << ")\n"
      << "show(\"dW" << ls << "\", dW" << ls << ")\n";
    if (penalty) s << "show(\"dW" << ls << "_data\", dW" << ls << "_data)\nshow(\"dW" << ls << "_penalty\", dW" << ls << "_penalty)\n";
    s << "show(\"db" << ls << "\", db" << ls << ")\n"
      << "show(\"dA" << pl << "\", dA" << pl << ")\n";
  }
  return s.str();
}

}  // namespace pg
