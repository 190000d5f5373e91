#!/usr/bin/python3
"""Builds the .cnn test networks in PyTorch with the same layer names, and
writes NAME.safetensors (the state_dict, float32) and NAME.input0.npy /
NAME.output0.npy for the model-cnn-* ctests (run with Debian's python3,
which has torch and numpy):

  /usr/bin/python3 test/Frontend/Cnn/models/make_models.py

lenet5 is examples/lenet5.cnn; the others are the .cnn files here.
"""
import json
import os
import struct

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))


def write_safetensors(path, tensors):
    """The safetensors format: u64 little-endian header length, JSON header,
    raw little-endian data."""
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().cpu().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 6, 5, padding=2)
        self.c3 = nn.Conv2d(6, 16, 5)
        self.f5 = nn.Linear(400, 120)
        self.f6 = nn.Linear(120, 84)
        self.f7 = nn.Linear(84, 10)

    def forward(self, x):
        x = nn.functional.avg_pool2d(torch.tanh(self.c1(x)), 2)
        x = nn.functional.avg_pool2d(torch.tanh(self.c3(x)), 2)
        x = torch.flatten(x, 1)
        x = torch.tanh(self.f5(x))
        x = torch.tanh(self.f6(x))
        return torch.softmax(self.f7(x), 1)


class Basic(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1:
            self.downsample = nn.Sequential(
                nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        s = x if self.downsample is None else self.downsample(x)
        return torch.relu(y + s)


class ResNet18Narrow(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        w = [8, 16, 32, 64]
        self.layer1 = nn.Sequential(Basic(8, 8, 1), Basic(8, 8, 1))
        self.layer2 = nn.Sequential(Basic(8, 16, 2), Basic(16, 16, 1))
        self.layer3 = nn.Sequential(Basic(16, 32, 2), Basic(32, 32, 1))
        self.layer4 = nn.Sequential(Basic(32, 64, 2), Basic(64, 64, 1))
        self.fc = nn.Linear(w[-1], 10)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = nn.functional.max_pool2d(x, 3, 2, 1)
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        x = torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1)
        return self.fc(x)


class Double(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.a = nn.Conv2d(cin, cout, 3, padding=1)
        self.b = nn.Conv2d(cout, cout, 3, padding=1)

    def forward(self, x):
        return torch.relu(self.b(torch.relu(self.a(x))))


class UNetSmall(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = Double(1, 8)
        self.enc2 = Double(8, 16)
        self.mid = Double(16, 32)
        self.up2 = nn.ConvTranspose2d(32, 16, 2, 2)
        self.dec2 = Double(32, 16)
        self.up1 = nn.ConvTranspose2d(16, 8, 2, 2)
        self.dec1 = Double(16, 8)
        self.out = nn.Conv2d(8, 2, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(nn.functional.max_pool2d(e1, 2))
        m = self.mid(nn.functional.max_pool2d(e2, 2))
        d2 = self.dec2(torch.cat([e2, self.up2(m)], 1))
        d1 = self.dec1(torch.cat([e1, self.up1(d2)], 1))
        return self.out(d1)


class SegNetSmall(nn.Module):
    def __init__(self):
        super().__init__()
        self.e1 = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.e1n = nn.BatchNorm2d(8)
        self.e2 = nn.Conv2d(8, 16, 3, padding=1, bias=False)
        self.e2n = nn.BatchNorm2d(16)
        self.d2 = nn.Conv2d(16, 8, 3, padding=1, bias=False)
        self.d2n = nn.BatchNorm2d(8)
        self.d1 = nn.Conv2d(8, 5, 3, padding=1)

    def forward(self, x):
        x, i1 = nn.functional.max_pool2d(torch.relu(self.e1n(self.e1(x))), 2,
                                         return_indices=True)
        x, i2 = nn.functional.max_pool2d(torch.relu(self.e2n(self.e2(x))), 2,
                                         return_indices=True)
        x = nn.functional.max_unpool2d(x, i2, 2)
        x = torch.relu(self.d2n(self.d2(x)))
        x = nn.functional.max_unpool2d(x, i1, 2)
        return self.d1(x)


def randomize_bn(model):
    """Non-trivial running statistics, so batch_norm is really tested."""
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.5, 0.5)


def main():
    torch.manual_seed(0)
    models = {"lenet5": (LeNet5(), (1, 1, 28, 28)),
              "resnet18_narrow": (ResNet18Narrow(), (1, 3, 32, 32)),
              "unet_small": (UNetSmall(), (1, 1, 32, 32)),
              "segnet_small": (SegNetSmall(), (1, 3, 32, 32))}
    for name, (model, shape) in models.items():
        randomize_bn(model)
        model.eval()
        x = torch.randn(*shape)
        with torch.no_grad():
            y = model(x)
        state = {k: v for k, v in model.state_dict().items()
                 if not k.endswith("num_batches_tracked")}
        write_safetensors(os.path.join(HERE, name + ".safetensors"), state)
        np.save(os.path.join(HERE, name + ".input0.npy"), x.numpy())
        np.save(os.path.join(HERE, name + ".output0.npy"), y.numpy())
        print(name, tuple(y.shape))


if __name__ == "__main__":
    main()
