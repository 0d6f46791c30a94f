// tests/content/lessons_test.cpp: every lesson opens cleanly (its link decodes without a warning and runs), and
// every lesson's answer holds in the engine's numbers at that link. The checks compute what the answer claims
// independently (from the weights and the minibatch, in double) and compare with what the page shows (the
// inspector's matrices, the trainer's weights), so a wrong answer or a wrong view fails here.
#include "content/lessons.h"
#include "core/jacobian.h"
#include "core/model.h"
#include "core/scalar_graph.h"
#include "state/resolve.h"
#include "state/url_codec.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <string>

namespace pg {
namespace {

// The lesson's run at its step, with the minibatch its views show (the next step's).
struct Opened {
  Params params;
  Session session;
  Mat X, Y;
  const Network& net() const { return session.trainer.network(); }
  Inspected inspect(int layer, const std::string& of, const std::string& wrt, int sample) const {
    const TrainConfig& c = session.trainer.config();
    return pg::inspect(net(), X, Y, layer, of, wrt, sample, c.reg, c.reg_rate);
  }
  // The forward pass in double from the float weights (an independent recomputation of z and a).
  TraceT<double> trace_double() const {
    NetworkD d;
    d.arch = net().arch;
    for (const auto& w : net().W) d.W.push_back(w.cast<double>());
    for (const auto& b : net().b) d.b.push_back(b.cast<double>());
    TraceT<double> t;
    forward(d, MatD(X.cast<double>()), t);
    return t;
  }
};

Opened open(std::string_view link) {
  const Decoded d = decode_params(link);
  EXPECT_TRUE(d.warnings.empty()) << link << ": " << (d.warnings.empty() ? "" : d.warnings.front());
  Opened o{d.params, make_session(d.params), {}, {}};
  o.session.trainer.run(d.params.steps);
  o.session.trainer.next_batch(o.X, o.Y);
  return o;
}

Opened open_lesson(std::string_view id) {
  const Lesson* l = find_lesson(id);
  EXPECT_NE(l, nullptr) << id;
  return open(l ? l->link : "");
}

double sigmoid(double z) { return 1 / (1 + std::exp(-z)); }

// One check per lesson id: the answer, recomputed.
const std::map<std::string, std::function<void(const Opened&)>>& checks() {
  static const std::map<std::string, std::function<void(const Opened&)>> table = {
      {"1.1", [](const Opened& o) {  // Step moves w by exactly -eta dL/dw (full batch, plain SGD)
         Session s = make_session(o.params);
         s.trainer.run(o.params.steps);
         const double w0 = s.trainer.network().W[0](0, 0), g = o.inspect(1, "L", "W", -1).M(0, 0);
         s.trainer.step();
         const double w1 = s.trainer.network().W[0](0, 0);
         EXPECT_NEAR(w1 - w0, -0.02 * g, 1e-6 * std::max(1.0, std::abs(w0)));
         EXPECT_GT(std::abs(g), 1e-3);  // the step moves visibly
       }},
      {"1.3", [](const Opened& o) {  // the activation's Jacobian is diag(1 - tanh^2(z)) from the cached z
         const Inspected J = o.inspect(1, "a", "z", 0);
         const TraceT<double> t = o.trace_double();
         ASSERT_EQ(J.M.rows(), 3);
         for (int k = 0; k < 3; ++k) EXPECT_NEAR(J.M(k, k), 1 - std::pow(std::tanh(t.Z[0](k, 0)), 2), 1e-6);
       }},
      {"2.10", [](const Opened& o) {  // the sigma gate's local gradient is yhat (1 - yhat)
         const ScalarGraph g = scalar_graph(o.net(), o.X, o.Y, 0, false);
         ASSERT_TRUE(g.ok()) << g.error;
         int found = 0;
         for (const Gate& gate : g.gates)
           if (gate.kind == GateKind::Sigmoid) {
             ++found;
             const double yhat = sigmoid(o.trace_double().Z[0](0, 0));
             EXPECT_NEAR(gate.value, yhat, 1e-6);
             EXPECT_NEAR(gate.local[0], yhat * (1 - yhat), 1e-6);
             EXPECT_NEAR(gate.downstream[0], gate.upstream * yhat * (1 - yhat), 1e-9);
           }
         EXPECT_EQ(found, 1);
       }},
      {"3.6", [](const Opened& o) {  // the four small gates' local gradients multiply to sigma'(z)
         const ScalarGraph g = scalar_graph(o.net(), o.X, o.Y, 0, true);
         ASSERT_TRUE(g.ok()) << g.error;
         double product = 1;
         int small = 0;
         for (const Gate& gate : g.gates)
           if (gate.kind == GateKind::Neg || gate.kind == GateKind::Exp || gate.kind == GateKind::AddOne || gate.kind == GateKind::Recip) {
             product *= gate.local[0];
             ++small;
           }
         EXPECT_EQ(small, 4);
         const double s = sigmoid(o.trace_double().Z[0](0, 0));
         EXPECT_NEAR(product, s * (1 - s), 1e-9);
       }},
      {"G.1", [](const Opened& o) {  // multiply swaps (w gets upstream x input), add distributes, max routes
         const ScalarGraph g = scalar_graph(o.net(), o.X, o.Y, 0, false);
         ASSERT_TRUE(g.ok()) << g.error;
         std::set<GatePattern> seen;
         for (const Gate& gate : g.gates) {
           seen.insert(gate.pattern);
           if (gate.kind == GateKind::Mul) {
             ASSERT_EQ(gate.inputs.size(), 2u);
             EXPECT_NEAR(gate.downstream[0], gate.upstream * g.gates[size_t(gate.inputs[1])].value, 1e-12);
             EXPECT_NEAR(gate.downstream[1], gate.upstream * g.gates[size_t(gate.inputs[0])].value, 1e-12);
           }
           if (gate.kind == GateKind::Add)
             for (double v : gate.downstream) EXPECT_EQ(v, gate.upstream);
           if (gate.kind == GateKind::Max) {
             const double z = g.gates[size_t(gate.inputs[0])].value, zero = g.gates[size_t(gate.inputs[1])].value;
             EXPECT_GT(z, zero) << "the lesson's sample has its ReLU on, so the routing shows";
             EXPECT_EQ(gate.downstream[0], z > zero ? gate.upstream : 0.0);
           }
         }
         EXPECT_TRUE(seen.count(GatePattern::Swaps) && seen.count(GatePattern::Distributes) && seen.count(GatePattern::Routes));
       }},
      {"4.6", [](const Opened& o) {  // the curve crosses 0.5 at x = -b/w, between the centres -2 and +2
         const double w = o.net().W[0](0, 0), b = o.net().b[0](0);
         ASSERT_NE(w, 0);
         EXPECT_GT(-b / w, -2);
         EXPECT_LT(-b / w, 2);
         EXPECT_NEAR(sigmoid(w * (-b / w) + b), 0.5, 1e-12);
         EXPECT_GT(o.session.trainer.evaluate().test_accuracy, 0.9);
       }},
      {"3.2", [](const Opened& o) {  // a small step along -grad L lowers the loss
         const Inspected g = o.inspect(1, "L", "W", -1);
         NetworkD d;
         d.arch = o.net().arch;
         for (const auto& w : o.net().W) d.W.push_back(w.cast<double>());
         for (const auto& b : o.net().b) d.b.push_back(b.cast<double>());
         const MatD X = o.X.cast<double>(), Y = o.Y.cast<double>();
         TraceT<double> t;
         forward(d, X, t);
         const double before = data_loss(d, t, Y);
         d.W[0] -= 0.01 * g.M;
         forward(d, X, t);
         EXPECT_LT(data_loss(d, t, Y), before);
       }},
      {"3.5", [](const Opened& o) {  // dz/da = W, entry for entry
         const Inspected J = o.inspect(1, "z", "a_prev", 0);
         EXPECT_TRUE(J.M.isApprox(o.net().W[0].cast<double>(), 1e-12));
       }},
      {"3.7", [](const Opened& o) {  // 12 x 6
         const Inspected J = o.inspect(1, "z", "W", -1);
         EXPECT_EQ(J.M.rows(), 12);
         EXPECT_EQ(J.M.cols(), 6);
       }},
      {"3.8", [](const Opened& o) {  // class 1: -1/(N yhat) < 0; class 0: 1/(N (1 - yhat)) > 0
         const Inspected J = o.inspect(1, "L", "yhat", -1);
         const TraceT<double> t = o.trace_double();
         const double N = double(o.X.cols());
         ASSERT_EQ(J.M.cols(), o.X.cols());
         std::set<int> seen;
         for (Index n = 0; n < o.X.cols(); ++n) {
           const double yhat = t.output()(0, n);
           const int y = int(o.Y(0, n));
           seen.insert(y);
           if (y == 1) EXPECT_NEAR(J.M(0, n), -1 / (N * yhat), 1e-6 / (N * yhat));
           else EXPECT_NEAR(J.M(0, n), 1 / (N * (1 - yhat)), 1e-6 / (N * (1 - yhat)));
           EXPECT_EQ(J.M(0, n) < 0, y == 1);
         }
         EXPECT_EQ(seen.size(), 2u) << "the minibatch should show both classes";
       }},
      {"3.9", [](const Opened& o) {  // one non-zero entry per sample block, at the true class
         const Inspected J = o.inspect(1, "L", "yhat", -1);
         ASSERT_EQ(J.M.cols(), 3 * o.X.cols());
         for (Index n = 0; n < o.X.cols(); ++n)
           for (int k = 0; k < 3; ++k) EXPECT_EQ(J.M(0, 3 * n + k) != 0, o.Y(k, n) == 1) << n << " " << k;
       }},
      {"3.10", [](const Opened& o) {  // rows sum to 0, symmetric, diag(s) - s s^T
         const Inspected J = o.inspect(1, "a", "z", 0);
         ASSERT_EQ(J.M.rows(), 3);
         for (int r = 0; r < 3; ++r) EXPECT_NEAR(J.M.row(r).sum(), 0, 1e-12);
         EXPECT_TRUE(J.M.isApprox(J.M.transpose(), 1e-12));
         EXPECT_GT(J.M(0, 0), 0);
         EXPECT_LT(J.M(0, 1), 0);
       }},
      {"4.2", [](const Opened& o) {  // the fitted line passes near the data's mean point
         const Dataset& d = o.session.trainer.data();
         const Mat& X = d.X_train;
         const Mat& Y = d.Y_train;
         const double xm = X.cast<double>().mean(), ym = Y.cast<double>().mean();
         const double w = o.net().W[0](0, 0), b = o.net().b[0](0);
         EXPECT_NEAR(w * xm + b, ym, 0.02);
         // The inspector's dL/db over the training set (the batch is all of it) is twice the mean residual: ~0.
         ASSERT_EQ(o.X.cols(), X.cols());
         const double db = o.inspect(1, "L", "b", -1).M(0, 0);
         EXPECT_NEAR(db, 2 * (w * xm + b - ym), 1e-4);
         EXPECT_LT(std::abs(db), 0.04);
       }},
      {"4.3", [](const Opened& o) {  // W[1] is 1 x 2 and one bias: three trainable variables
         EXPECT_EQ(o.net().W[0].rows(), 1);
         EXPECT_EQ(o.net().W[0].cols(), 2);
         EXPECT_EQ(o.net().param_count(), 3);
       }},
      {"4.7", [](const Opened& o) {  // a line separates gauss but not xor
         EXPECT_GT(o.session.trainer.evaluate().test_accuracy, 0.9);
         Params p = o.params;
         p.data = DatasetKind::Xor;
         Session s = make_session(p);
         s.trainer.run(p.steps);
         EXPECT_LT(s.trainer.evaluate().test_accuracy, 0.75);
       }},
      {"5.3", [](const Opened& o) {  // dz/dx is 3 x 2 and equals W
         const Inspected J = o.inspect(1, "z", "a_prev", 0);
         ASSERT_EQ(J.M.rows(), 3);
         ASSERT_EQ(J.M.cols(), 2);
         EXPECT_TRUE(J.M.isApprox(o.net().W[0].cast<double>(), 1e-12));
       }},
      {"6.3", [](const Opened& o) {  // diagonal, sigma'(z) <= 1/4
         const Inspected J = o.inspect(1, "a", "z", 0);
         const TraceT<double> t = o.trace_double();
         ASSERT_EQ(J.M.rows(), 4);
         for (int r = 0; r < 4; ++r)
           for (int c = 0; c < 4; ++c)
             if (r != c) EXPECT_EQ(J.M(r, c), 0);
             else {
               const double s = sigmoid(t.Z[0](r, 0));
               EXPECT_NEAR(J.M(r, r), s * (1 - s), 1e-6);
               EXPECT_LE(J.M(r, r), 0.25);
             }
       }},
      {"6.4", [](const Opened& o) {  // the local Jacobian is W[1]; over the batch dL/da[0] = W[1]^T dL/dz[1], 2 x 4
         EXPECT_TRUE(o.inspect(1, "z", "a_prev", 0).M.isApprox(o.net().W[0].cast<double>(), 1e-12));
         const Inspected da = o.inspect(1, "L", "a_prev", -1), dz = o.inspect(1, "L", "z", -1);
         ASSERT_EQ(da.M.rows(), 2);
         ASSERT_EQ(da.M.cols(), 4);
         const MatD expect = o.net().W[0].cast<double>().transpose() * dz.M;
         EXPECT_TRUE(da.M.isApprox(expect, 1e-5));
       }},
      {"6.6", [](const Opened& o) {  // dz/db = I
         const Inspected J = o.inspect(1, "z", "b", 0);
         EXPECT_TRUE(J.M.isApprox(MatD::Identity(3, 3)));
       }},
      {"7.2", [](const Opened& o) {  // dL/dz is 1 x 5: (yhat - y)/5
         const Inspected J = o.inspect(1, "L", "z", -1);
         const TraceT<double> t = o.trace_double();
         ASSERT_EQ(J.M.rows(), 1);
         ASSERT_EQ(J.M.cols(), 5);
         for (int n = 0; n < 5; ++n) EXPECT_NEAR(J.M(0, n), (t.output()(0, n) - o.Y(0, n)) / 5, 1e-6);
       }},
      {"8.1", [](const Opened& o) {  // the paths' sum is the gradient: sum_n dL/dz[0,n] a0[0,n]
         const Inspected dW = o.inspect(1, "L", "W", -1), dz = o.inspect(1, "L", "z", -1);
         double sum = 0;
         for (Index n = 0; n < o.X.cols(); ++n) sum += dz.M(0, n) * double(o.X(0, n));
         EXPECT_NEAR(sum, dW.M(0, 0), 1e-6 * std::max(1.0, std::abs(sum)));
       }},
      {"9.1", [](const Opened& o) {  // 12 x 12 diagonal; unit 2 of sample 1 at (5, 5)
         const Inspected J = o.inspect(1, "a", "z", -1);
         const TraceT<double> t = o.trace_double();
         ASSERT_EQ(J.M.rows(), 12);
         EXPECT_TRUE(MatD(J.M.diagonal().asDiagonal()).isApprox(J.M));
         EXPECT_NEAR(J.M(5, 5), 1 - std::pow(std::tanh(t.Z[0](2, 1)), 2), 1e-6);
       }},
      {"10.1", [](const Opened& o) {  // 4 blocks of 3 x 3, zero elsewhere
         const Inspected J = o.inspect(1, "a", "z", -1);
         ASSERT_EQ(J.M.rows(), 12);
         for (int r = 0; r < 12; ++r)
           for (int c = 0; c < 12; ++c)
             if (r / 3 != c / 3) EXPECT_EQ(J.M(r, c), 0) << r << " " << c;
         for (int n = 0; n < 4; ++n) EXPECT_GT(J.M.block(3 * n, 3 * n, 3, 3).norm(), 0);
       }},
      {"10.5", [](const Opened& o) {  // 1_N (x) I_K: N ones per column
         const Inspected J = o.inspect(1, "z", "b", -1);
         ASSERT_EQ(J.M.rows(), 12);
         ASSERT_EQ(J.M.cols(), 3);
         for (int c = 0; c < 3; ++c) EXPECT_EQ(J.M.col(c).sum(), 4);
         EXPECT_EQ((J.M.array() == 1).count(), 12);
       }},
      {"11.2", [](const Opened& o) {  // dL/dW[2] = dL/dZ[2] A[1]^T, 3 x 4
         const Inspected dW = o.inspect(2, "L", "W", -1), dz = o.inspect(2, "L", "z", -1);
         const TraceT<double> t = o.trace_double();
         const Inspected J = o.inspect(2, "z", "W", -1);  // the stepper's extended Jacobian A[1]^T (x) I_3
         EXPECT_EQ(J.M.rows(), 12);
         EXPECT_EQ(J.M.cols(), 12);
         ASSERT_EQ(dW.M.rows(), 3);
         ASSERT_EQ(dW.M.cols(), 4);
         EXPECT_TRUE(dW.M.isApprox(dz.M * t.A[1].transpose(), 1e-5));
       }},
      {"D.1", [](const Opened& o) {  // with the sigmoid, layer 1 has the smallest norm; relu narrows the spread
         auto norms = [](const Opened& x) {
           std::vector<double> v;
           for (int l = 1; l <= int(x.net().W.size()); ++l) v.push_back(x.inspect(l, "L", "W", -1).M.norm());
           return v;
         };
         const std::vector<double> sig = norms(o);
         for (size_t l = 1; l < sig.size(); ++l) EXPECT_LT(sig[0], sig[l]) << "layer " << l + 1;
         Params p = o.params;
         p.acts = {Act::Relu};
         const Opened relu = open(encode_params(p));
         const std::vector<double> r = norms(relu);
         EXPECT_GT(r[0] / r.back(), 10 * sig[0] / sig.back());
       }},
  };
  return table;
}

// Lessons whose answer is checked elsewhere (none now): a new lesson without a check fails below.
const std::set<std::string> kCheckedElsewhere = {};

TEST(lessons, ids_are_the_link_tables_and_unique) {
  ASSERT_EQ(kLessonIds.size(), kLessons.size() + 1);
  EXPECT_EQ(kLessonIds[0], "none");
  std::set<std::string_view> seen;
  for (size_t i = 0; i < kLessons.size(); ++i) {
    EXPECT_EQ(kLessons[i].id, kLessonIds[i + 1]);
    EXPECT_TRUE(seen.insert(kLessons[i].id).second) << kLessons[i].id;
    EXPECT_EQ(find_lesson(kLessons[i].id), &kLessons[i]);
  }
  EXPECT_EQ(find_lesson("99"), nullptr);
}

TEST(lessons, every_lesson_has_words_a_place_to_look_and_a_question) {
  for (const Lesson& l : kLessons) {
    EXPECT_FALSE(l.title.empty()) << l.id;
    EXPECT_FALSE(l.look.rect.empty()) << l.id;
    EXPECT_FALSE(l.question.empty()) << l.id;
    EXPECT_FALSE(l.answer.empty()) << l.id;
    // Two to five sentences.
    int sentences = 0;
    for (size_t i = 0; i + 1 < l.body.size(); ++i)
      if ((l.body[i] == '.' || l.body[i] == ':') && l.body[i + 1] == ' ' && l.body[i] == '.') ++sentences;
    if (!l.body.empty() && l.body.back() == '.') ++sentences;
    EXPECT_GE(sentences, 2) << l.id;
    EXPECT_LE(sentences, 5) << l.id;
  }
}

TEST(lessons, every_answer_holds_in_the_engines_numbers) {
  for (const Lesson& l : kLessons) {
    const std::string id(l.id);
    if (kCheckedElsewhere.count(id)) continue;
    const auto it = checks().find(id);
    ASSERT_NE(it, checks().end()) << "lesson " << id << " has no check of its answer";
    SCOPED_TRACE("lesson " + id);
    const Opened o = open_lesson(id);
    it->second(o);
  }
}

TEST(lessons, every_link_opens_without_a_warning) {
  for (const Lesson& l : kLessons) {
    const Decoded d = decode_params(std::string(l.link) + "&lesson=" + std::string(l.id));
    EXPECT_TRUE(d.warnings.empty()) << l.id << ": " << (d.warnings.empty() ? "" : d.warnings.front());
    EXPECT_EQ(kLessonIds[size_t(d.params.lesson)], l.id);
  }
}

}  // namespace
}  // namespace pg
