#!/usr/bin/python3
"""Build the end-to-end model fixtures of test/models.

Each fixture is a small version of a real CNN architecture, built in PyTorch
with fixed seeds, random weights and randomised batch-norm parameters and
running statistics (so a batch norm that is dropped or mis-lowered shows up),
put in eval mode and exported to ONNX (opset 13, static shapes). For each
model NAME this writes, beside this script (or into --out DIR):

  NAME.onnx            the model
  NAME.input0.npy      a random input (NAME.input1.npy... for further inputs)
  NAME.output0.npy     PyTorch's output for it (NAME.output1.npy... likewise)

check_model.py compiles NAME.onnx with cnnc, runs the executable on the saved
inputs and compares with the saved outputs; test/models/CMakeLists.txt runs it
as the ctest test model-NAME.

The generated files are committed, so CI and developers need neither torch
nor this script: only Debian's python3 with numpy, for check_model.py.

Regenerating (after changing a model here; commit the results):

  apt-get install python3-torch python3-torchvision python3-onnx  # Debian
  /usr/bin/python3 test/models/make_fixtures.py            # all models
  /usr/bin/python3 test/models/make_fixtures.py lenet5     # some of them
  du -sh test/models                                       # keep it small

Known to work with Debian's torch 1.13 and onnx 1.12. The outputs are
deterministic for a given torch version and CPU; a different torch may produce
slightly different numbers or ONNX graphs, which is fine as long as the
fixtures are regenerated together.

Notes on the models:
  * Batch norms: the exporter's default (TrainingMode.EVAL) folds a
    BatchNormalization that follows a Conv into the Conv. Models listed with
    keep_bn=True are exported with TrainingMode.PRESERVE (the model is still
    in eval mode) so that their ONNX graphs keep BatchNormalization nodes with
    the running statistics; the others get the default, folded export that
    users usually see.
  * torch 1.13 cannot export aten::max_unpool2d; segnet_unpool registers a
    symbolic for it below that emits ONNX MaxUnpool. PyTorch's pooling
    indices are per (n, c) plane while ONNX's are flat over the whole tensor,
    so the symbolic adds the plane offsets (n * C + c) * H * W back (the
    exporter's MaxPool with indices subtracts them). The script checks this
    index arithmetic against PyTorch's unpool in numpy before exporting.
"""

import argparse
import os
import sys
import warnings

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.onnx
from torch.onnx import symbolic_helper

# The exporter's advice about constant folding with TrainingMode.PRESERVE (the
# models are in eval mode) and about prim::Constant shape inference is noise.
warnings.filterwarnings("ignore", category=UserWarning, module=r"torch\.onnx")

OPSET = 13
HERE = os.path.dirname(os.path.abspath(__file__))


# --------------------------------------------------------------------------
# Helpers


def conv_bn(cin, cout, k, stride=1, padding=None, groups=1):
    if padding is None:
        padding = k // 2
    return [nn.Conv2d(cin, cout, k, stride, padding, groups=groups, bias=False),
            nn.BatchNorm2d(cout)]


def randomise_batch_norms(model, gen):
    """Random affine parameters and running statistics for every batch norm."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.modules.batchnorm._BatchNorm):
                c = m.num_features
                m.weight.copy_(torch.rand(c, generator=gen) + 0.5)        # [0.5, 1.5)
                m.bias.copy_(torch.randn(c, generator=gen) * 0.5)
                m.running_mean.copy_(torch.randn(c, generator=gen) * 0.5)
                m.running_var.copy_(torch.rand(c, generator=gen) * 1.75 + 0.25)


# --------------------------------------------------------------------------
# Models


class BasicBlock(nn.Module):
    """torchvision's ResNet BasicBlock."""

    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(*conv_bn(cin, cout, 1, stride, 0))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + identity)


class ResNetNarrow(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = nn.Sequential(*conv_bn(3, 8, 7, 2, 3), nn.ReLU(inplace=True),
                                  nn.MaxPool2d(3, 2, 1))
        self.layer1 = BasicBlock(8, 8)
        self.layer2 = BasicBlock(8, 16, stride=2)
        self.layer3 = BasicBlock(16, 16)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, num_classes)

    def forward(self, x):
        x = self.layer3(self.layer2(self.layer1(self.stem(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


class InvertedResidual(nn.Module):
    """torchvision's MobileNetV2 block: 1x1 expand, depthwise 3x3, 1x1 project."""

    def __init__(self, cin, cout, stride, expand):
        super().__init__()
        hidden = cin * expand
        self.use_res = stride == 1 and cin == cout
        self.block = nn.Sequential(
            *conv_bn(cin, hidden, 1), nn.ReLU6(inplace=True),
            *conv_bn(hidden, hidden, 3, stride, groups=hidden), nn.ReLU6(inplace=True),
            *conv_bn(hidden, cout, 1))

    def forward(self, x):
        y = self.block(x)
        return x + y if self.use_res else y


class MobileNetV2Like(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            *conv_bn(3, 8, 3, 2), nn.ReLU6(inplace=True),
            InvertedResidual(8, 8, 1, 1),
            InvertedResidual(8, 12, 2, 4),
            InvertedResidual(12, 12, 1, 4),
            InvertedResidual(12, 16, 2, 4),
            InvertedResidual(16, 16, 1, 4),
            *conv_bn(16, 32, 1), nn.ReLU6(inplace=True))
        self.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(32, num_classes))

    def forward(self, x):
        x = F.adaptive_avg_pool2d(self.features(x), (1, 1))
        return self.classifier(torch.flatten(x, 1))


def basic_conv(cin, cout, k, **kw):
    """GoogLeNet's BasicConv2d: conv, batch norm (eps 0.001), ReLU."""
    return nn.Sequential(nn.Conv2d(cin, cout, k, bias=False, **kw),
                         nn.BatchNorm2d(cout, eps=0.001), nn.ReLU(inplace=True))


class Inception(nn.Module):
    def __init__(self, cin, c1, c3r, c3, c5r, c5, cp):
        super().__init__()
        self.branch1 = basic_conv(cin, c1, 1)
        self.branch2 = nn.Sequential(basic_conv(cin, c3r, 1), basic_conv(c3r, c3, 3, padding=1))
        self.branch3 = nn.Sequential(basic_conv(cin, c5r, 1), basic_conv(c5r, c5, 5, padding=2))
        self.branch4 = nn.Sequential(nn.MaxPool2d(3, 1, 1), basic_conv(cin, cp, 1))

    def forward(self, x):
        return torch.cat([self.branch1(x), self.branch2(x), self.branch3(x),
                          self.branch4(x)], 1)


class InceptionLike(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = nn.Sequential(basic_conv(3, 16, 3, padding=1),
                                  nn.MaxPool2d(3, 2, ceil_mode=True))
        self.inc1 = Inception(16, 8, 6, 8, 4, 8, 8)      # -> 32 channels
        self.pool = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.inc2 = Inception(32, 12, 8, 12, 4, 6, 6)    # -> 36 channels
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(36, num_classes)

    def forward(self, x):
        x = self.inc2(self.pool(self.inc1(self.stem(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def double_conv(cin, cout):
    return nn.Sequential(*conv_bn(cin, cout, 3), nn.ReLU(inplace=True),
                         *conv_bn(cout, cout, 3), nn.ReLU(inplace=True))


class UNetSmall(nn.Module):
    def __init__(self, num_classes=2):
        super().__init__()
        self.enc1 = double_conv(3, 8)
        self.enc2 = double_conv(8, 16)
        self.bottleneck = double_conv(16, 32)
        self.up2 = nn.ConvTranspose2d(32, 16, 2, stride=2)
        self.dec2 = double_conv(32, 16)
        self.up1 = nn.ConvTranspose2d(16, 8, 2, stride=2)
        self.dec1 = double_conv(16, 8)
        self.head = nn.Conv2d(8, num_classes, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(F.max_pool2d(e1, 2))
        b = self.bottleneck(F.max_pool2d(e2, 2))
        d2 = self.dec2(torch.cat([self.up2(b), e2], 1))
        d1 = self.dec1(torch.cat([self.up1(d2), e1], 1))
        return self.head(d1)


class FCNHead(nn.Module):
    """FCN-style: strided backbone, per-stage scores, upsampling and fusion.

    Two outputs: the fused map upsampled with bilinear (align_corners=False,
    scale factor 2) and the coarse map resized to the input size with
    bilinear align_corners=True. Nearest x2 upsamples the coarse scores.
    """

    def __init__(self, num_classes=4, size=(32, 32)):
        super().__init__()
        self.size = size  # a constant, so the export has no Shape arithmetic
        self.stage1 = nn.Sequential(*conv_bn(3, 8, 3, 2), nn.ReLU(inplace=True))    # /2
        self.stage2 = nn.Sequential(*conv_bn(8, 16, 3, 2), nn.ReLU(inplace=True),
                                    nn.Conv2d(16, 16, 3, padding=1), nn.ReLU(inplace=True))  # /4
        self.score1 = nn.Conv2d(8, num_classes, 1)
        self.score2 = nn.Conv2d(16, num_classes, 1)

    def forward(self, x):
        f1 = self.stage1(x)
        f2 = self.stage2(f1)
        s2 = self.score2(f2)
        fused = self.score1(f1) + F.interpolate(s2, scale_factor=2, mode="nearest")
        out = F.interpolate(fused, scale_factor=2, mode="bilinear", align_corners=False)
        aux = F.interpolate(s2, size=self.size, mode="bilinear", align_corners=True)
        return out, aux


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.pool1 = nn.AvgPool2d(2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.pool2 = nn.AvgPool2d(2)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool1(torch.tanh(self.conv1(x)))
        x = self.pool2(torch.tanh(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = torch.tanh(self.fc1(x))
        x = torch.tanh(self.fc2(x))
        return self.fc3(x)


class SegNetUnpool(nn.Module):
    """SegNet-style encoder/decoder: max-pool indices drive the unpooling."""

    def __init__(self, num_classes=4):
        super().__init__()
        self.enc1 = nn.Sequential(*conv_bn(3, 8, 3), nn.ReLU(inplace=True))
        self.enc2 = nn.Sequential(*conv_bn(8, 16, 3), nn.ReLU(inplace=True))
        self.mid = nn.Sequential(*conv_bn(16, 16, 3), nn.ReLU(inplace=True))
        self.dec2 = nn.Sequential(*conv_bn(16, 8, 3), nn.ReLU(inplace=True))
        self.dec1 = nn.Conv2d(8, num_classes, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2, return_indices=True)
        self.unpool = nn.MaxUnpool2d(2, 2)

    def forward(self, x):
        x, i1 = self.pool(self.enc1(x))
        x, i2 = self.pool(self.enc2(x))
        x = self.mid(x)
        x = self.dec2(self.unpool(x, i2))
        return self.dec1(self.unpool(x, i1))


class DenseLayer(nn.Module):
    """torchvision's DenseNet layer: BN-ReLU-conv1x1, BN-ReLU-conv3x3 on the
    concatenation of every earlier feature map."""

    def __init__(self, cin, growth, bn_size=4):
        super().__init__()
        self.norm1 = nn.BatchNorm2d(cin)
        self.conv1 = nn.Conv2d(cin, bn_size * growth, 1, bias=False)
        self.norm2 = nn.BatchNorm2d(bn_size * growth)
        self.conv2 = nn.Conv2d(bn_size * growth, growth, 3, 1, 1, bias=False)

    def forward(self, features):
        x = torch.cat(features, 1)
        x = self.conv1(F.relu(self.norm1(x)))
        return self.conv2(F.relu(self.norm2(x)))


class DenseNetLike(nn.Module):
    """Two dense blocks of three layers (growth 12, channels not multiples of
    the vector width), a transition (BN-ReLU-conv-avgpool), and a pre-
    activation head whose BN-ReLU reads the last concatenation."""

    def __init__(self, num_classes=10, growth=12):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 20, 3, 1, 1, bias=False),
                                  nn.BatchNorm2d(20), nn.ReLU(inplace=True),
                                  nn.MaxPool2d(2))
        c = 20
        self.block1 = nn.ModuleList()
        for i in range(3):
            self.block1.append(DenseLayer(c + i * growth, growth))
        c += 3 * growth
        self.transition = nn.Sequential(nn.BatchNorm2d(c), nn.ReLU(inplace=True),
                                        nn.Conv2d(c, c // 2, 1, bias=False),
                                        nn.AvgPool2d(2))
        c //= 2
        self.block2 = nn.ModuleList()
        for i in range(3):
            self.block2.append(DenseLayer(c + i * growth, growth))
        c += 3 * growth
        self.norm5 = nn.BatchNorm2d(c)
        self.fc = nn.Linear(c, num_classes)

    def forward(self, x):
        features = [self.stem(x)]
        for layer in self.block1:
            features.append(layer(features))
        x = self.transition(torch.cat(features, 1))
        features = [x]
        for layer in self.block2:
            features.append(layer(features))
        x = F.relu(self.norm5(torch.cat(features, 1)))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


class DCGANLike(nn.Module):
    """A DCGAN-style generator: Linear + BatchNorm1d + ReLU, then transposed
    convs (4x4/2) each followed by BatchNorm + ReLU (cnn-fold-batch-norm into
    gemm and conv_transpose, then sub-pixel decomposition), Tanh at the end."""

    def __init__(self, z=8):
        super().__init__()
        self.fc = nn.Linear(z, 24 * 4 * 4)
        self.bn0 = nn.BatchNorm1d(24 * 4 * 4)
        self.up = nn.Sequential(
            nn.ConvTranspose2d(24, 20, 4, 2, 1, bias=False), nn.BatchNorm2d(20),
            nn.ReLU(inplace=True),
            nn.ConvTranspose2d(20, 12, 4, 2, 1, bias=False), nn.BatchNorm2d(12),
            nn.ReLU(inplace=True),
            nn.ConvTranspose2d(12, 3, 3, 1, 1), nn.Tanh())

    def forward(self, x):
        x = F.relu(self.bn0(self.fc(x)))
        return self.up(x.view(-1, 24, 4, 4))


class StyleNorms(nn.Module):
    """A style-transfer-style net (Johnson et al.): convs each followed by an
    affine InstanceNorm2d (random scale and shift) and ReLU, a stride-2 conv,
    a residual block, nearest 2x up-sampling, Tanh. 20 and 40 channels (the
    instance norms run in NHWC on channels padded to 32 and 48), batch 2, a
    non-square map."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 20, 5, padding=2)
        self.n1 = nn.InstanceNorm2d(20, affine=True)
        self.c2 = nn.Conv2d(20, 40, 3, stride=2, padding=1)
        self.n2 = nn.InstanceNorm2d(40, affine=True)
        self.r1 = nn.Conv2d(40, 40, 3, padding=1)
        self.rn1 = nn.InstanceNorm2d(40, affine=True)
        self.r2 = nn.Conv2d(40, 40, 3, padding=1)
        self.rn2 = nn.InstanceNorm2d(40, affine=True)
        self.c3 = nn.Conv2d(40, 3, 3, padding=1)
        with torch.no_grad():
            for n in (self.n1, self.n2, self.rn1, self.rn2):
                n.weight.uniform_(0.5, 1.5)
                n.bias.uniform_(-0.5, 0.5)

    def forward(self, x):
        x = F.relu(self.n1(self.c1(x)))
        x = F.relu(self.n2(self.c2(x)))
        y = F.relu(self.rn1(self.r1(x)))
        x = x + self.rn2(self.r2(y))
        return torch.tanh(self.c3(F.interpolate(x, scale_factor=2, mode="nearest")))


# name: (constructor, input shapes, keep_bn, seed)
MODELS = {
    "resnet_narrow": (ResNetNarrow, [(2, 3, 64, 64)], True, 1),
    "mobilenetv2_like": (MobileNetV2Like, [(1, 3, 32, 32)], True, 2),
    "inception_like": (InceptionLike, [(1, 3, 32, 32)], False, 3),
    "unet_small": (UNetSmall, [(1, 3, 32, 32)], False, 4),
    "fcn_head": (FCNHead, [(1, 3, 32, 32)], True, 5),
    "lenet5": (LeNet5, [(2, 1, 32, 32)], False, 6),
    "segnet_unpool": (SegNetUnpool, [(2, 3, 32, 32)], True, 7),
    "densenet_like": (DenseNetLike, [(1, 3, 32, 32)], True, 8),
    "dcgan_like": (DCGANLike, [(1, 8)], True, 9),
    "style_norms": (StyleNorms, [(2, 3, 36, 28)], False, 10),
}


# --------------------------------------------------------------------------
# ONNX export of aten::max_unpool2d (not in torch 1.13)


@symbolic_helper.parse_args("v", "v", "is")
def max_unpool2d_symbolic(g, x, indices, output_size):
    n, c, h, w = symbolic_helper._get_tensor_sizes(x)
    oh, ow = output_size
    if oh % h or ow % w:
        raise RuntimeError("max_unpool2d export: only exact stride multiples")
    sh, sw = oh // h, ow // w
    # PyTorch indices are per (n, c) plane; ONNX MaxUnpool's are flat.
    offsets = (torch.arange(n * c, dtype=torch.int64) * (oh * ow)).reshape(n, c, 1, 1)
    flat = g.op("Add", indices, g.op("Constant", value_t=offsets))
    shape = g.op("Constant", value_t=torch.tensor([n, c, oh, ow], dtype=torch.int64))
    return g.op("MaxUnpool", x, flat, shape, kernel_shape_i=[sh, sw], strides_i=[sh, sw])


def check_unpool_index_arithmetic():
    """ONNX MaxUnpool on flattened indices == PyTorch's unpool (numpy model)."""
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(2, 3, 8, 6, generator=gen)
    y, idx = F.max_pool2d(x, 2, 2, return_indices=True)
    want = F.max_unpool2d(y, idx, 2, 2, output_size=x.shape[2:]).numpy()
    n, c = y.shape[:2]
    flat = idx.numpy() + (np.arange(n * c) * (8 * 6)).reshape(n, c, 1, 1)
    got = np.zeros(x.numel(), np.float32)
    got[flat.ravel()] = y.numpy().ravel()
    assert np.array_equal(got.reshape(x.shape), want), "unpool index arithmetic"


# --------------------------------------------------------------------------


def build(name, out_dir):
    ctor, shapes, keep_bn, seed = MODELS[name]
    torch.manual_seed(seed)
    model = ctor()
    randomise_batch_norms(model, torch.Generator().manual_seed(1000 + seed))
    model.eval()

    gen = torch.Generator().manual_seed(2000 + seed)
    inputs = tuple(torch.randn(*s, generator=gen) for s in shapes)
    with torch.no_grad():
        outputs = model(*inputs)
    if isinstance(outputs, torch.Tensor):
        outputs = (outputs,)

    onnx_path = os.path.join(out_dir, name + ".onnx")
    torch.onnx.export(
        model, inputs, onnx_path,
        opset_version=OPSET,
        input_names=["input%d" % i if len(inputs) > 1 else "input"
                     for i in range(len(inputs))],
        output_names=["output%d" % i if len(outputs) > 1 else "output"
                      for i in range(len(outputs))],
        training=(torch.onnx.TrainingMode.PRESERVE if keep_bn
                  else torch.onnx.TrainingMode.EVAL),
        do_constant_folding=True,
        dynamic_axes=None)

    import onnx  # only needed here, to check what was written
    m = onnx.load(onnx_path)
    onnx.checker.check_model(m)
    onnx.shape_inference.infer_shapes(m, check_type=True, strict_mode=True)
    ops = sorted({node.op_type for node in m.graph.node})

    for i, t in enumerate(inputs):
        np.save(os.path.join(out_dir, "%s.input%d.npy" % (name, i)),
                np.ascontiguousarray(t.numpy().astype(np.float32)))
    for i, t in enumerate(outputs):
        np.save(os.path.join(out_dir, "%s.output%d.npy" % (name, i)),
                np.ascontiguousarray(t.numpy().astype(np.float32)))

    size = os.path.getsize(onnx_path)
    print("%-18s %8d bytes  in %s  out %s\n%18s ops: %s" % (
        name, size, [tuple(t.shape) for t in inputs],
        [tuple(t.shape) for t in outputs], "", " ".join(ops)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("models", nargs="*", help="models to build (default: all): "
                    + ", ".join(MODELS))
    ap.add_argument("--out", default=HERE, help="output directory (default: %(default)s)")
    args = ap.parse_args()
    unknown = [n for n in args.models if n not in MODELS]
    if unknown:
        ap.error("unknown model(s): " + ", ".join(unknown))

    torch.onnx.register_custom_op_symbolic("aten::max_unpool2d", max_unpool2d_symbolic, OPSET)
    check_unpool_index_arithmetic()
    torch.set_num_threads(1)  # deterministic reductions
    os.makedirs(args.out, exist_ok=True)
    for name in args.models or MODELS:
        build(name, args.out)


if __name__ == "__main__":
    sys.exit(main())
