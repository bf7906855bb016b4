/**
 * Optimisers with PyTorch's update rules and argument checks: {@link dev.nabla.nn.optim.SGD}
 * (momentum, dampening, Nesterov, weight decay), {@link dev.nabla.nn.optim.Adam} and
 * {@link dev.nabla.nn.optim.AdamW} (both with AMSGrad). Hyperparameters are typed records
 * ({@code SGD.Options}, ...) checked when they are made, held per {@link dev.nabla.nn.optim.ParamGroup};
 * a group's learning rate can change during training ({@code group.setLr(0.01)}), checked the same way.
 *
 * <p>Null arguments: every public constructor and method rejects null with a
 * {@link java.lang.NullPointerException} whose message is the argument's name ({@code "params"},
 * {@code "groups[1]"}), as {@code Objects.requireNonNull(x, "x")} does. Bad values are an
 * {@link java.lang.IllegalArgumentException} with PyTorch's message ({@code "Invalid learning rate: -1.0"}).
 */
package dev.nabla.nn.optim;
