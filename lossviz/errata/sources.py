r"""The sources' text as data: their code blocks verbatim, and the paragraph structure of seed 004.

Nothing here runs: :mod:`lossviz.errata.sandbox` runs :data:`SOURCE_CODE`, and the demonstration
of the repeated sections of seed 004 compares the fingerprints in :data:`SEED_004_PARAGRAPHS`.
This file is exempt from the line-length and trailing-whitespace rules (the code is verbatim).

Examples
--------
>>> sorted(SOURCE_CODE)[:2]
['000 §5.1', '001 §4.1']
>>> SEED_004_PARAGRAPHS[0]
(3, 8, '44fe9d7cd0', '# 1.背景介绍')
>>> paragraph_fingerprints("# A\n\nsome text\nmore\n")[1][:2]
(3, 14)
"""

from __future__ import annotations

import hashlib

__all__ = ["SOURCE_CODE", "SEED_004_PARAGRAPHS", "SEED_004_COPIES", "paragraph_fingerprints"]


def paragraph_fingerprints(text):
    """Fingerprint every paragraph (a run of non-blank lines) of ``text``.

    Returns a tuple of ``(first line number, characters, sha1[:10], heading)`` where the
    paragraph's lines are stripped and joined by newlines before hashing, and ``heading`` is the
    paragraph itself when it is a one-line Markdown heading (else ``""``).
    """
    out, buf, start = [], [], None
    for number, line in enumerate([*text.splitlines(), ""], 1):
        if line.strip():
            start = number if start is None else start
            buf.append(line.strip())
        elif buf:
            para = "\n".join(buf)
            heading = buf[0] if len(buf) == 1 and buf[0].startswith("#") else ""
            out.append(
                (start, len(para), hashlib.sha1(para.encode("utf-8")).hexdigest()[:10], heading)
            )
            buf, start = [], None
    return tuple(out)


#: The code blocks of the sources, verbatim (run by :func:`run_source`).
SOURCE_CODE = {
    "000 §5.1": """\
import torch

# 定义模型
model = torch.nn.Linear(10, 2)

# 定义损失函数
criterion = torch.nn.CrossEntropyLoss()

# 生成输入数据和标签
inputs = torch.randn(100, 10)
labels = torch.randint(0, 2, (100,))

# 前向传播
outputs = model(inputs)

# 计算损失
loss = criterion(outputs, labels)

# 反向传播
loss.backward()
""",
    "001 §4.1": """\
import torch
import torch.nn as nn
import torch.optim as optim

# 定义一个简单的神经网络
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.fc1 = nn.Linear(32 * 32 * 3, 128)
        self.fc2 = nn.Linear(128, 2)

    def forward(self, x):
        x = torch.flatten(x, 1)
        x = self.fc1(x)
        x = torch.relu(x)
        x = self.fc2(x)
        return x

# 定义损失函数
criterion = nn.CrossEntropyLoss()

# 定义优化器
optimizer = optim.SGD(net.parameters(), lr=0.01)

# 训练模型
for epoch in range(10):
    for i, data in enumerate(train_loader):
        inputs, labels = data
        optimizer.zero_grad()
        outputs = net(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()
""",
    "001 §4.2": """\
import torch
import torch.nn as nn
import torch.optim as optim

# 定义一个简单的神经网络
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.fc1 = nn.Linear(10, 128)
        self.fc2 = nn.Linear(128, 1)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = self.fc2(x)
        return x

# 定义损失函数
criterion = nn.MSELoss()

# 定义优化器
optimizer = optim.SGD(net.parameters(), lr=0.01)

# 训练模型
for epoch in range(10):
    for i, data in enumerate(train_loader):
        inputs, labels = data
        optimizer.zero_grad()
        outputs = net(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()
""",
    "002 §4.1": """\
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def cross_entropy_loss(y, y_hat):
    return -np.sum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))

# 训练数据
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([0, 0, 1, 1])

# 初始化参数
w = np.random.randn(2, 1)
b = np.random.randn()

# 学习率
learning_rate = 0.01

# 训练迭代
for epoch in range(1000):
    y_hat = sigmoid(w.dot(X) + b)
    loss = cross_entropy_loss(y, y_hat)
    if epoch % 100 == 0:
        print(f"Epoch: {epoch}, Loss: {loss}")

    # 更新参数
    dw = -X.T.dot(y_hat - y)
    db = np.sum(y_hat - y)
    w -= learning_rate * dw
    b -= learning_rate * db
""",
    "002 §4.2": """\
import numpy as np

def softmax(z):
    exp_sum = np.exp(z)
    return exp_sum / np.sum(exp_sum, axis=0)

def cross_entropy_loss(y, y_hat):
    return -np.sum(y * np.log(y_hat))

# 训练数据
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([0, 0, 1, 1])

# 初始化参数
w = np.random.randn(2, 2)
b = np.random.randn(2)

# 学习率
learning_rate = 0.01

# 训练迭代
for epoch in range(1000):
    y_hat = softmax(w.dot(X) + b)
    loss = cross_entropy_loss(y, y_hat)
    if epoch % 100 == 0:
        print(f"Epoch: {epoch}, Loss: {loss}")

    # 更新参数
    dw = -X.T.dot(y_hat - y)
    db = np.sum(y_hat - y, axis=0)
    w -= learning_rate * dw
    b -= learning_rate * db
""",
    "003 §4.1": '''\
import numpy as np

def cross_entropy_loss(y_true, y_pred):
    """
    Calculate cross entropy loss.
    
    Args:
    y_true: True labels, 1-D array.
    y_pred: Predicted probabilities, 1-D array.
    
    Returns:
    Cross entropy loss.
    """
    # Ensure y_true and y_pred are 1-D arrays
    y_true = np.array(y_true).reshape(-1)
    y_pred = np.array(y_pred).reshape(-1)
    
    # Calculate cross entropy loss
    loss = -np.sum(y_true * np.log(y_pred))
    
    return loss
''',
    "003 ch.20 §5": """\
import torch
import torch.nn as nn

class SelfAttention(nn.Module):
    def __init__(self, input_dim):
        super(SelfAttention, self).__init__()
        self.input_dim = input_dim
        self.q_linear = nn.Linear(input_dim, input_dim)
        self.k_linear = nn.Linear(input_dim, input_dim)
        self.v_linear = nn.Linear(input_dim, input_dim)
        self.out_linear = nn.Linear(input_dim, input_dim)
        self.softmax = nn.Softmax(dim=2)

    def forward(self, x):
        Q = self.q_linear(x)
        K = self.k_linear(x)
        V = self.v_linear(x)
        scores = self.softmax(Q @ K.transpose(-2, -1) / np.sqrt(self.input_dim))
        out = scores @ V
        out = self.out_linear(out)
        return out

input_dim = 10
model = SelfAttention(input_dim)
x = torch.randn(3, 5, input_dim)
output = model(x)
print(output.shape)
""",
    "003 ch.21 §5": """\
import torch
import torch.nn as nn
import torch.optim as optim

class AutoEncoder(nn.Module):
    def __init__(self):
        super(AutoEncoder, self).__init__()
        self.encoder = nn.Sequential(
            nn.Linear(784, 128),
            nn.ReLU(),
            nn.Linear(128, 64),
            nn.ReLU(),
            nn.Linear(64, 32),
            nn.ReLU()
        )
        self.decoder = nn.Sequential(
            nn.Linear(32, 64),
            nn.ReLU(),
            nn.Linear(64, 128),
            nn.ReLU(),
            nn.Linear(128, 784),
            nn.Sigmoid()
        )

    def forward(self, x):
        x = self.encoder(x)
        x = self.decoder(x)
        return x

input_dim = 784
model = AutoEncoder()
x = torch.randn(3, input_dim)
optimizer = optim.Adam(model.parameters(), lr=0.001)
criterion = nn.MSELoss()

for epoch in range(100):
    optimizer.zero_grad()
    output = model(x)
    loss = criterion(output, x)
    loss.backward()
    optimizer.step()
    print(f'Epoch: {epoch}, Loss: {loss.item()}')
""",
    "004 §4.1": """\
import numpy as np

def mean_squared_error(y_true, y_pred):
    mse = np.mean((y_true - y_pred) ** 2)
    return mse

y_true = np.array([1.0, 2.0, 3.0])
y_pred = np.array([1.5, 2.5, 3.5])

mse = mean_squared_error(y_true, y_pred)
print("Mean Squared Error:", mse)
""",
    "004 §4.2": """\
import numpy as np

def cross_entropy_loss(y_true, y_pred):
    batch_size = y_true.shape[0]
    y_pred_softmax = np.exp(y_pred) / np.exp(y_pred).sum(axis=1, keepdims=True)
    loss = -np.mean(y_true * np.log(y_pred_softmax) + (1 - y_true) * np.log(1 - y_pred_softmax))
    return loss

y_true = np.array([0, 1, 1])
y_pred = np.array([-1.0, 0.0, 1.0])

ce_loss = cross_entropy_loss(y_true, y_pred)
print("Cross-Entropy Loss:", ce_loss)
""",
}


#: Seed 004 (326 lines) as (line, characters, sha1 prefix, heading) per paragraph,
#: computed by :func:`paragraph_fingerprints` from the seed file (headings kept verbatim).
SEED_004_PARAGRAPHS = (
    (3, 8, "44fe9d7cd0", "# 1.背景介绍"),
    (5, 119, "e7f8fd5245", ""),
    (7, 17, "d604fa0342", "## 1.1 深度学习的背景与发展"),
    (9, 107, "b05ee353e6", ""),
    (11, 120, "0a3d51b199", ""),
    (13, 18, "55edd02a44", "## 1.2 损失函数的概念与重要性"),
    (15, 112, "43a9639598", ""),
    (17, 21, "f02d71a4f8", ""),
    (19, 122, "6882f9d88b", ""),
    (23, 30, "008304c004", ""),
    (25, 11, "b6bc89feaf", "# 2.核心概念与联系"),
    (27, 26, "595f6f1030", ""),
    (29, 14, "492e0b1654", "## 2.1 损失函数的类型"),
    (31, 27, "ee07f9a9c7", ""),
    (33, 192, "77da0cc7cf", ""),
    (36, 16, "d6e4488264", "## 2.2 损失函数与梯度下降"),
    (38, 102, "96bbc0c7ec", ""),
    (40, 14, "dffe7c95dc", ""),
    (42, 66, "8b89c146ed", ""),
    (48, 16, "e4995fd0ea", "## 2.3 损失函数与模型性能"),
    (50, 90, "a54ed7b2da", ""),
    (52, 29, "fdfb512df0", "# 3.核心算法原理和具体操作步骤以及数学模型公式详细讲解"),
    (54, 32, "9e3bcae26d", ""),
    (56, 36, "f069aedd4c", "## 3.1 均方误差（Mean Squared Error, MSE）"),
    (58, 83, "14d8c00afe", ""),
    (60, 58, "c13c3dd994", ""),
    (64, 44, "c57c79ed87", ""),
    (66, 81, "6fb42dffb6", ""),
    (68, 32, "2395fbb611", "## 3.2 交叉熵损失（Cross-Entropy Loss）"),
    (70, 77, "c9511f900a", ""),
    (72, 85, "307e126d66", ""),
    (76, 60, "23744a61b1", ""),
    (78, 82, "85ef916109", ""),
    (80, 47, "81685a2929", "## 3.3 多标签交叉熵损失（Multi-Label Cross-Entropy Loss）"),
    (82, 95, "3730e31dbc", ""),
    (84, 100, "d3c6a4277a", ""),
    (88, 48, "2a7a7067a4", ""),
    (90, 85, "a0c239f682", ""),
    (92, 17, "13e2e2bc8e", "# 4.具体代码实例和详细解释说明"),
    (94, 27, "de6cafe98f", ""),
    (96, 36, "ed90974bbd", "## 4.1 均方误差（Mean Squared Error, MSE）"),
    (98, 20, "c8e5452a79", "### 4.1.1 Python代码实例"),
    (100, 28, "a844ccf1db", ""),
    (103, 88, "b5e84ddb9d", ""),
    (107, 69, "ad2e122e79", ""),
    (110, 78, "db6d85a0ce", ""),
    (114, 16, "f0b1653a7c", "### 4.1.2 详细解释说明"),
    (116, 191, "a623e5f2e7", ""),
    (118, 32, "4cb557e560", "## 4.2 交叉熵损失（Cross-Entropy Loss）"),
    (120, 20, "3dacf001e1", "### 4.2.1 Python代码实例"),
    (122, 28, "a844ccf1db", ""),
    (125, 249, "244443ad22", ""),
    (131, 64, "30a0c53b15", ""),
    (134, 86, "bd4862db47", ""),
    (138, 16, "3bda99b543", "### 4.2.2 详细解释说明"),
    (140, 207, "5dae383e93", ""),
    (142, 13, "513fa573c0", "# 5.未来发展趋势与挑战"),
    (144, 32, "3ae0311912", ""),
    (146, 13, "a2a3956281", "## 5.1 未来发展趋势"),
    (148, 146, "e29a5b07b7", ""),
    (152, 9, "b9bbf9e0d6", "## 5.2 挑战"),
    (154, 151, "52179ef2e6", ""),
    (158, 13, "aa21625242", "# 6.附录常见问题与解答"),
    (160, 20, "a4c0e0f66c", ""),
    (162, 30, "05c74ea87f", "## 6.1 问题1：损失函数与模型性能之间的关系是怎样的？"),
    (164, 74, "41a60276df", ""),
    (166, 30, "0e01079ecc", "## 6.2 问题2：为什么梯度下降算法与损失函数密切相关？"),
    (168, 93, "f4558bc589", ""),
    (170, 23, "52c5621f01", "## 6.3 问题3：如何选择合适的损失函数？"),
    (172, 104, "a5b575c0c4", ""),
    (174, 25, "3e98a1a32a", "# 24. 损失函数的深度学习: 神经网络中的应用"),
    (176, 119, "e7f8fd5245", ""),
    (178, 9, "649696db1f", "## 1.背景介绍"),
    (180, 107, "b05ee353e6", ""),
    (182, 120, "0a3d51b199", ""),
    (184, 12, "4c8499b29f", "## 2.核心概念与联系"),
    (186, 27, "ee07f9a9c7", ""),
    (188, 192, "77da0cc7cf", ""),
    (191, 102, "96bbc0c7ec", ""),
    (193, 90, "a54ed7b2da", ""),
    (195, 30, "aba540860a", "## 3.核心算法原理和具体操作步骤以及数学模型公式详细讲解"),
    (197, 83, "14d8c00afe", ""),
    (199, 58, "c13c3dd994", ""),
    (203, 44, "c57c79ed87", ""),
    (205, 81, "6fb42dffb6", ""),
    (207, 77, "c9511f900a", ""),
    (209, 85, "307e126d66", ""),
    (213, 60, "23744a61b1", ""),
    (215, 82, "85ef916109", ""),
    (217, 95, "3730e31dbc", ""),
    (219, 100, "d3c6a4277a", ""),
    (223, 48, "2a7a7067a4", ""),
    (225, 85, "a0c239f682", ""),
    (227, 18, "fffbca151d", "## 4.具体代码实例和详细解释说明"),
    (229, 27, "de6cafe98f", ""),
    (231, 37, "53b5728903", "### 4.1 均方误差（Mean Squared Error, MSE）"),
    (233, 20, "c8e5452a79", "### 4.1.1 Python代码实例"),
    (235, 28, "a844ccf1db", ""),
    (238, 88, "b5e84ddb9d", ""),
    (242, 69, "ad2e122e79", ""),
    (245, 78, "db6d85a0ce", ""),
    (249, 16, "f0b1653a7c", "### 4.1.2 详细解释说明"),
    (251, 191, "a623e5f2e7", ""),
    (253, 33, "b7de6c0958", "### 4.2 交叉熵损失（Cross-Entropy Loss）"),
    (255, 20, "3dacf001e1", "### 4.2.1 Python代码实例"),
    (257, 28, "a844ccf1db", ""),
    (260, 249, "244443ad22", ""),
    (266, 64, "30a0c53b15", ""),
    (269, 86, "bd4862db47", ""),
    (273, 16, "3bda99b543", "### 4.2.2 详细解释说明"),
    (275, 207, "5dae383e93", ""),
    (277, 14, "d7bbb5d409", "## 5.未来发展趋势与挑战"),
    (279, 32, "3ae0311912", ""),
    (281, 14, "505091bd06", "### 5.1 未来发展趋势"),
    (283, 146, "e29a5b07b7", ""),
    (287, 10, "29c639e837", "### 5.2 挑战"),
    (289, 151, "52179ef2e6", ""),
    (293, 25, "3e98a1a32a", "# 24. 损失函数的深度学习: 神经网络中的应用"),
    (295, 103, "f684d4137b", ""),
    (297, 153, "197d4dac3b", ""),
    (299, 9, "649696db1f", "## 1.背景介绍"),
    (301, 107, "b05ee353e6", ""),
    (303, 120, "0a3d51b199", ""),
    (305, 12, "4c8499b29f", "## 2.核心概念与联系"),
    (307, 27, "ee07f9a9c7", ""),
    (309, 192, "77da0cc7cf", ""),
    (312, 102, "96bbc0c7ec", ""),
    (314, 90, "a54ed7b2da", ""),
    (316, 30, "aba540860a", "## 3.核心算法原理和具体操作步骤以及数学模型公式详细讲解"),
    (318, 83, "14d8c00afe", ""),
    (320, 58, "c13c3dd994", ""),
    (324, 44, "c57c79ed87", ""),
    (326, 46, "18cd46d587", ""),
)

#: First lines of the three copies of the article inside seed 004 (its last line is 326).
SEED_004_COPIES = (1, 174, 293)
