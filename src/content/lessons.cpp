// content/lessons.cpp: the lesson texts (see lessons.h). Every number a question asks about is on screen in
// the view the lesson opens; tests/content/lessons_test.cpp checks every answer against the engine.
#include "content/lessons.h"

namespace pg {

const std::array<Lesson, 26> kLessons = {{
    {"1.1", "Trainable variables and gradient-based learning",
     "model=linreg&data=line&n=100&noise=0.2&batch=50&lr=0.02&step=1&insp=1&itab=4",
     "Linear regression ŷ = w x + b has two trainable variables, the weight w and the bias b. The landscape "
     "shows the loss L(w, b) over the training set as colours and contour lines; the dot is the model now, the "
     "arrow points along −∂L/∂(w, b), downhill. Each Step applies w ← w − η ∂L/∂w and b ← b − η ∂L/∂b "
     "(η = 0.02; the batch here is the whole training set). Press Step a few times and watch the dot walk down.",
     {"landscape", -1, -1, "the loss over (w, b), the dot and its gradient arrow"},
     "The landscape prints ∂L/∂w at the dot. Press Step once: by how much does w change?",
     "By exactly −η ∂L/∂w = −0.02 × ∂L/∂w: plain gradient descent moves each variable against its own partial "
     "derivative, scaled by the learning rate."},

    {"1.3", "Backpropagation: forward caches, backward uses them",
     "model=mlp&data=xor&layers=3&act=tanh&batch=4&step=20&insp=1&itab=3",
     "A training step is a forward pass then a backward pass. Forward computes z = W a + b and a = g(z) layer "
     "by layer and keeps (caches) them; backward walks from the loss to the inputs, and every op multiplies "
     "the gradient from above by its local Jacobian, built from the cached values. The Backprop stepper shows "
     "one op at a time on the network diagram: the outlined layer is the one being computed.",
     {"network", -1, -1, "the stepper's current op on the network"},
     "When the backward pass goes through the tanh of layer 1, which cached value does its Jacobian need?",
     "z[1], the layer's pre-activation: the Jacobian is diag(tanh′(z[1])) = diag(1 − tanh²(z[1])), computed "
     "from the forward pass's z, never recomputed from the weights."},

    {"2.10", "The chain rule, one gate at a time",
     "model=logreg&data=gauss&batch=1&step=200&insp=1&itab=5",
     "A backprop module (a gate) knows only its own local derivative. Going backwards, each gate receives the "
     "upstream gradient ∂L/∂out, multiplies it by its local gradient ∂out/∂in, and passes the product "
     "downstream: upstream × local = downstream. The scalar graph shows one neuron of logistic regression, "
     "σ(w₀x₀ + w₁x₁ + b), for one sample, with the forward value above and the gradient below every wire.",
     {"graph", -1, -1, "forward values above, gradients below each wire"},
     "What is the σ gate's local gradient, in terms of its output ŷ?",
     "ŷ(1 − ŷ), since σ′(z) = σ(z)(1 − σ(z)); the gradient leaving the gate is the upstream gradient times "
     "ŷ(1 − ŷ)."},

    {"3.2", "Partial derivatives, the gradient, the update",
     "model=logreg&data=gauss&batch=250&lr=0.3&step=5&insp=1&itab=4",
     "With two weights, the loss is a surface over the plane (w₁, w₂); here the bias stays at its current "
     "value. Each partial derivative is the slope along one axis, and together they form the gradient ∇L. The "
     "gradient is perpendicular to the contour line through the point, and −∇L is the direction of steepest "
     "descent: the update w ← w − η ∇L takes a step that way.",
     {"landscape", -1, -1, "the contour through the dot and the arrow −∇L"},
     "Follow the arrow from the dot: is the loss there higher or lower than at the dot?",
     "Lower: a small step along −∇L always decreases L (to first order by η‖∇L‖²), which is why gradient "
     "descent works."},

    {"3.5", "The Jacobian of an affine function",
     "model=mlp&data=gauss&layers=3&step=10&insp=1&itab=0&ilayer=1&imat=2",
     "A dense layer computes z = W a + b. Its Jacobian with respect to the input, ∂z/∂a, has one row per "
     "output zₖ and one column per input aᵢ, and the entry (k, i) is ∂zₖ/∂aᵢ = W[k, i]: the Jacobian of "
     "an affine function is its matrix. The left heatmap is this Jacobian for one sample.",
     {"heatmap_0", 0, 1, "∂z[1]/∂a[0] for one sample, row 0, column 1"},
     "Hover the outlined cell (row 0, column 1) of ∂z[1]/∂a[0], then hover the link from the second input to the "
     "first unit of layer 1 in the network. Compare the two numbers.",
     "They are the same number, W[1][0,1]: for z = W a + b, ∂z/∂a = W, entry for entry, whatever the sample."},

    {"3.6", "A neuron and backprop",
     "model=logreg&data=gauss&batch=1&step=200&insp=1&itab=5&decomp=1",
     "The sigmoid can be one gate, or the simple gates it is made of: σ(z) = 1/(1 + e^(−z)) is ×(−1), exp, "
     "+1 and 1/x. Backprop through the small gates multiplies four simple local gradients; backprop through "
     "the single gate uses σ(z)(1 − σ(z)) at once. Both give the same ∂L/∂z.",
     {"graph", -1, -1, "the sigmoid decomposed into ×(−1), exp, +1, 1/x"},
     "Multiply the local gradients of the four small gates (×(−1), exp, +1, 1/x): what do you get?",
     "σ(z)(1 − σ(z)): (−1) · e^(−z) · 1 · (−1/(1 + e^(−z))²) = e^(−z)/(1 + e^(−z))², the sigmoid's derivative."},

    {"3.7", "The minibatch Jacobian",
     "model=mlp&data=gauss&layers=3&batch=4&step=10&insp=1&itab=0&ilayer=1&imat=3",
     "One sample: ∂z/∂W of a layer with K units and D inputs is K × K·D, aᵀ ⊗ I_K (each weight W[k,i] moves "
     "only zₖ, by aᵢ). A minibatch of N samples stacks one such block per sample: the extended Jacobian "
     "∂Z/∂W is K·N × K·D, Aᵀ ⊗ I_K. Compare the two heatmaps: the right one is the left one repeated for "
     "each sample, with that sample's inputs.",
     {"heatmap_1", -1, -1, "∂z[1]/∂W[1] for the minibatch: one block per sample"},
     "How many rows and columns does the minibatch ∂z[1]/∂W[1] have here (K = 3 units, D = 2 inputs, "
     "N = 4 samples)?",
     "12 × 6: K·N = 12 rows (3 units of 4 samples) and K·D = 6 columns (the 6 weights of W[1])."},

    {"3.8", "The MSE and BCE Jacobians",
     "model=logreg&data=gauss&batch=4&step=100&insp=1&itab=0&ilayer=1&imat=0",
     "The loss Jacobian ∂L/∂ŷ is a row with one entry per output and sample. For MSE, L = (1/N) Σ (ŷ − y)², "
     "it is (2/N)(ŷ − y). For binary cross-entropy, L = −(1/N) Σ [y log ŷ + (1 − y) log(1 − ŷ)], it is "
     "(1/N)(ŷ − y)/(ŷ(1 − ŷ)): for a sample of class 1 that is −1/(N ŷ).",
     {"heatmap_1", -1, -1, "∂L/∂ŷ for the minibatch: one entry per sample"},
     "Hover the entries of the minibatch ∂L/∂ŷ (the tooltip gives each sample's target y): is the entry of a sample "
     "of class 1 positive or negative?",
     "Negative, −1/(N ŷ): raising ŷ towards 1 lowers the loss. Samples of class 0 have positive entries, "
     "1/(N(1 − ŷ))."},

    {"3.9", "The cross-entropy Jacobian",
     "model=softmax&data=blobsk&classes=3&batch=4&step=10&insp=1&itab=0&ilayer=1&imat=0",
     "With k classes, ŷ holds k probabilities and y is one-hot. Categorical cross-entropy L = −(1/N) Σ log "
     "ŷ_y looks only at the probability of the true class, so ∂L/∂ŷ = −(1/N) y/ŷ: zero for every wrong class, "
     "−1/(N ŷ_y) for the right one.",
     {"heatmap_1", -1, -1, "∂L/∂ŷ: one block of 3 per sample"},
     "In each sample's block of three entries of ∂L/∂ŷ, how many are not zero?",
     "One, the true class's entry, −1/(N ŷ_y): the loss does not depend on the wrong classes' probabilities "
     "directly (softmax couples them, which the next lesson shows)."},

    {"3.10", "The softmax Jacobian",
     "model=softmax&data=blobsk&classes=3&batch=4&step=10&insp=1&itab=0&ilayer=1&imat=1",
     "Softmax s = softmax(z) turns logits into probabilities, and every output depends on every logit: its "
     "Jacobian is full, ∂s/∂z = diag(s) − s sᵀ. The diagonal is sₖ(1 − sₖ), positive; off the diagonal "
     "−sⱼsₖ, negative. It is symmetric.",
     {"heatmap_0", 0, -1, "∂a/∂z = diag(s) − s sᵀ for one sample; its first row outlined"},
     "Add up one row of ∂a[1]/∂z[1]: what do you get?",
     "0, to rounding: the probabilities always sum to 1, so raising one logit takes from the other outputs "
     "exactly what it adds to its own."},

    {"4.2", "Linear regression with one feature",
     "model=linreg&data=line&n=100&noise=0.3&batch=50&lr=0.03&step=400&insp=1&itab=0&ilayer=1&imat=6",
     "With one input the model is a line ŷ = w x + b, drawn over the points. Training moves w and b to "
     "minimise the mean squared error; the least-squares line it approaches has a known property: it passes "
     "through the centre of the data, the point (mean of x, mean of y).",
     {"heatmap_1", -1, -1, "∂L/∂b over the training set"},
     "The inspector shows ∂L/∂b over the training set (the batch is all 50 training points). What is it close "
     "to, and what does that say about the line?",
     "Close to 0: ∂L/∂b = (2/N) Σ (ŷ − y) is twice the mean residual, so at the least-squares line the residuals "
     "average to zero and the line passes through the training points' mean (x̄, ȳ)."},

    {"4.3", "Linear regression with n features",
     "model=linreg&data=plane&batch=10&lr=0.03&step=300",
     "With n inputs the model is ŷ = w₁x₁ + … + wₙxₙ + b = Wx + b: a plane over two inputs, its value shown "
     "as colour. W is one row of n weights; nothing else about training changes.",
     {"network", -1, -1, "two inputs, one output: W[1] is 1 × 2"},
     "What shape is W[1] here, and how many trainable variables does the model have?",
     "W[1] is 1 × 2 (one output, two inputs) and there is one bias: three trainable variables."},

    {"4.6", "Logistic regression with one feature",
     "model=logreg&data=gauss1d&batch=10&lr=0.3&step=300",
     "Logistic regression passes w x + b through the sigmoid: ŷ = σ(w x + b) is the probability of class 1. "
     "With one feature it is an S-shaped curve over x; the points sit at 0 (class 0) and 1 (class 1).",
     {"boundary", -1, -1, "σ(w x + b) over x, the points at 0 and 1"},
     "At which x does the curve cross 0.5?",
     "At x = −b/w, where w x + b = 0 (σ(0) = 0.5): here between the two classes' centres at −2 and +2."},

    {"4.7", "Logistic regression with n features",
     "model=logreg&data=gauss&batch=10&lr=0.3&step=300",
     "With two features ŷ = σ(w₁x₁ + w₂x₂ + b). The decision boundary ŷ = 0.5 is where w₁x₁ + w₂x₂ + b = 0: "
     "a straight line, whatever the data. Logistic regression is the shallowest network: one layer, one unit.",
     {"boundary", -1, -1, "the boundary ŷ = 0.5 is a straight line"},
     "Why can logistic regression not separate the xor data set (try data → xor)?",
     "Its boundary is the line wᵀx + b = 0, and no line separates xor's classes; a hidden layer bends it."},

    {"5.3", "Affine maps and softmax as vector functions",
     "model=softmax&data=blobsk&classes=3&batch=4&step=10&insp=1&itab=0&ilayer=1&imat=2",
     "A vector function maps a vector to a vector; its Jacobian has one row per output and one column per "
     "input. Softmax regression's affine map z = W x + b takes 2 inputs to 3 logits, so ∂z/∂x is 3 × 2, "
     "and it is W; softmax then maps 3 logits to 3 probabilities with a 3 × 3 Jacobian.",
     {"heatmap_0", -1, -1, "∂z/∂x: rows are outputs, columns are inputs"},
     "What do the rows and the columns of ∂z[1]/∂a[0] stand for, and what is its entry (k, i)?",
     "Rows are the 3 logits zₖ, columns the 2 inputs xᵢ, and entry (k, i) is ∂zₖ/∂xᵢ = W[k, i]."},

    {"6.3", "Activation Jacobians are diagonal",
     "model=mlp&data=gauss&layers=4&act=sigmoid&batch=4&step=10&insp=1&itab=0&ilayer=1&imat=1",
     "An elementwise activation aₖ = g(zₖ) makes each output depend on its own input only, so ∂a/∂z is "
     "diagonal: diag(g′(z)). For the sigmoid the diagonal is σ(z)(1 − σ(z)), at most 1/4. Change the "
     "activation of layer 1 (tanh, relu) and the diagonal changes; the off-diagonal stays 0.",
     {"heatmap_0", -1, -1, "diag(σ′(z[1])) for one sample"},
     "How many entries of ∂a[1]/∂z[1] (4 units, one sample) can be non-zero, and what is the largest "
     "possible value?",
     "At most 4, on the diagonal; each is σ′(zₖ) = σ(zₖ)(1 − σ(zₖ)) ≤ 1/4."},

    {"6.4", "Backprop inside a dense layer",
     "model=mlp&data=gauss&layers=3&batch=4&step=100&insp=1&itab=1&ilayer=1&iop=4",
     "Inside a dense layer the backward pass is three products: ∂L/∂z = ∂L/∂a ⊙ g′(z) (the diagonal "
     "activation Jacobian), ∂L/∂W = ∂L/∂Z · A[l−1]ᵀ, and ∂L/∂a[l−1] = W[l]ᵀ · ∂L/∂Z, which flows to the layer "
     "below. The chain rule tab shows each product as upstream × Jacobian = downstream.",
     {"inspector", -1, -1, "upstream × local Jacobian = downstream"},
     "The chain view shows one sample: upstream ∂L/∂z[1] (1 × 3) × local ∂z[1]/∂a[0] (3 × 2) = downstream "
     "(1 × 2). What is the local Jacobian here?",
     "W[1] itself (∂z/∂a[l−1] = W[l]), so the downstream row is ∂L/∂z[1] · W[1], which is (W[1]ᵀ ∂L/∂z[1])ᵀ: "
     "over the minibatch the same product gives ∂L/∂A[0] = W[1]ᵀ · ∂L/∂Z[1], 2 × 4."},

    {"6.6", "Binary elementwise ops",
     "model=mlp&data=gauss&layers=3&batch=4&step=10&insp=1&itab=0&ilayer=1&imat=4",
     "A binary elementwise op combines two vectors entry by entry. For z = u + b, ∂z/∂u = I and ∂z/∂b = I: "
     "adding passes the gradient through unchanged to both operands. For the squared error (ŷ − y)², the "
     "Jacobian with respect to ŷ is diag(2(ŷ − y)) and with respect to y its negative.",
     {"heatmap_0", -1, -1, "∂z/∂b for one sample"},
     "What matrix is ∂z[1]/∂b[1] for one sample?",
     "The 3 × 3 identity I: each bias bₖ moves only zₖ, one for one."},

    {"7.2", "Minibatch linear and logistic regression",
     "model=logreg&data=gauss&batch=5&step=100&insp=1&itab=0&ilayer=1&imat=7",
     "On a minibatch of N samples the loss is the mean of the samples' losses, and every matrix gains the "
     "batch dimension: Z is 1 × N, and for sigmoid + BCE the fused gradient is ∂L/∂Z = (Ŷ − Y)/N (the inspector "
     "writes P for Ŷ), one column per sample. ∂L/∂W then sums the samples' contributions: (Ŷ − Y)/N · Xᵀ.",
     {"heatmap_1", -1, -1, "∂L/∂z: one column per sample"},
     "What shape is ∂L/∂z[1] here, and what is each entry?",
     "1 × 5, one entry per sample: (ŷₙ − yₙ)/5."},

    {"8.1", "The total derivative: several paths",
     "model=mlp&data=gauss&layers=3&batch=4&step=10&insp=1&itab=6&ilayer=1",
     "When a variable reaches the loss along several paths, its derivative is the sum of the paths' "
     "derivatives (the total derivative). A weight is shared by the N samples of a minibatch: each sample is "
     "a path, ∂L/∂zₙ · aₙ. An activation feeds every unit of the next layer: each unit is a path.",
     {"paths", -1, -1, "each path's product and their sum"},
     "Add up the products of the paths: what do you get?",
     "The gradient backprop computed, ∂L/∂W[1][0,0], up to float rounding (the difference shown is about 1e−9): "
     "backprop sums the paths for you when it multiplies ∂L/∂Z by A[0]ᵀ."},

    {"9.1", "The extended Jacobian of elementwise ops",
     "model=mlp&data=gauss&layers=3&act=tanh&batch=4&step=10&insp=1&itab=0&ilayer=1&imat=1",
     "For a minibatch, the activation maps the matrix Z (K × N) to A. Its extended Jacobian flattens both "
     "with vec, stacking the columns (one sample after another): entry k of sample n is at position k + K·n. "
     "Since each entry depends only on itself, the Jacobian is diag(vec g′(Z)), K·N × K·N.",
     {"heatmap_1", 5, 5, "diag(vec g′(Z)): K·N = 12 entries on the diagonal; row and column 5 outlined"},
     "In the minibatch ∂a[1]/∂z[1] (K = 3, N = 4), at which row and column is unit 2 of sample 1?",
     "At row and column 2 + 3·1 = 5: vec stacks the columns of Z, so sample 1's three units come after "
     "sample 0's."},

    {"10.1", "Extended Jacobians of losses and softmax",
     "model=softmax&data=blobsk&classes=3&batch=4&step=10&insp=1&itab=0&ilayer=1&imat=1",
     "Samples in a minibatch do not interact in the forward pass, so the extended Jacobian of softmax over "
     "the batch is block diagonal: one K × K block diag(s) − s sᵀ per sample, zeros elsewhere. The loss "
     "Jacobians of MSE, BCE and CCE are rows with one block per sample, each scaled by 1/N.",
     {"heatmap_1", -1, -1, "one 3 × 3 softmax block per sample"},
     "How many non-zero blocks does the minibatch ∂a[1]/∂z[1] have, and what size is each?",
     "4 blocks of 3 × 3 on the diagonal, one per sample; the blocks off the diagonal are zero."},

    {"10.5", "Extended Jacobians of matrix multiplication and bias addition",
     "model=mlp&data=gauss&layers=3&batch=4&step=10&insp=1&itab=0&ilayer=1&imat=4",
     "For Z = W A + b 1ᵀ over a minibatch: ∂Z/∂W = Aᵀ ⊗ I_K, ∂Z/∂A = I_N ⊗ W, and ∂Z/∂b = 1_N ⊗ I_K, "
     "the identity repeated once per sample because the bias is added to every sample. The right heatmap "
     "is ∂Z/∂b: N identity blocks stacked.",
     {"heatmap_1", -1, -1, "∂Z/∂b = 1_N ⊗ I_K"},
     "How many 1s are in each column of the minibatch ∂z[1]/∂b[1]?",
     "N = 4: bias bₖ is added to zₖ of every sample, so its column has a 1 in each sample's block."},

    {"11.2", "Training an MLP with extended Jacobians",
     "model=mlp&data=xor&layers=4,3&act=tanh&batch=4&step=30&insp=1&itab=3",
     "A whole backward pass of a two-hidden-layer network, step by step: the loss Jacobian, then for each "
     "layer from the top the activation's diagonal Jacobian, the weights' gradient ∂L/∂W = ∂L/∂Z · A[l−1]ᵀ, "
     "the bias gradient, and W[l]ᵀ · ∂L/∂Z flowing down. Step through it with the stepper's Next.",
     {"network", -1, -1, "the stepper's current op"},
     "At the stepper's op that makes ∂L/∂W[2], what is multiplied, and what shape comes out?",
     "The upstream ∂L/∂z[2] as a row of K·N = 12 entries times the extended Jacobian ∂z[2]/∂W[2] = A[1]ᵀ ⊗ I₃ "
     "(12 × 12): a row of 12, which is ∂L/∂W[2] (3 × 4) flattened with vec. Backprop gets the same numbers as "
     "∂L/∂Z[2] · A[1]ᵀ without building the 12 × 12 matrix."},

    {"G.1", "Gate patterns: add distributes, multiply swaps, max routes",
     "model=mlp&data=gauss&layers=1&act=relu&batch=1&iseed=3&step=200&insp=1&itab=5",
     "CS231n's patterns: an add gate distributes its upstream gradient unchanged to every input; a multiply "
     "gate swaps, each input gets the upstream gradient times the other input; a max gate (ReLU) routes the "
     "whole gradient to the larger input. Here a ReLU unit feeds a sigmoid unit: find each pattern in the graph.",
     {"graph", -1, -1, "the multiply, add and max gates"},
     "At the multiply gate w[1]₁·x₁, what gradient reaches w[1]₁?",
     "The upstream gradient times x₁ (and x₁ gets the upstream gradient times w[1]₁): multiply swaps. The max "
     "gate passes its whole upstream gradient to z[1], which is above 0 here, and nothing to the constant 0: max "
     "routes."},

    {"D.1", "Vanishing gradients",
     "model=mlp&data=circle&layers=8,8,8,8,8&act=sigmoid&batch=10&step=200&insp=1&itab=7",
     "In a deep network the gradient reaching layer l is a product of one factor per layer above it. With the "
     "sigmoid each activation factor is at most 1/4, so ‖∂L/∂W[l]‖ shrinks layer by layer towards the input: "
     "the first layers barely learn. Switch the activation to relu and compare the bars.",
     {"norms", -1, -1, "‖∂L/∂W[l]‖ per layer"},
     "Which layer has the smallest gradient norm ‖∂L/∂W[l]‖ with the sigmoid?",
     "Layer 1, the farthest from the loss; with relu the norms stay much closer to each other."},
}};

const Lesson* find_lesson(std::string_view id) {
  for (const Lesson& l : kLessons)
    if (l.id == id) return &l;
  return nullptr;
}

}  // namespace pg
