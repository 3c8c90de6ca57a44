"""The course's glossary: each term in English and Chinese, with the symbol the chapters use.

:data:`TERMS` is the one source of truth for both editions of the course; chapter 00 shows it
with ``lv.glossary()``.  The Chinese terms follow the usual Chinese machine-learning literature
(损失函数, 交叉熵, 极大似然, …); the symbols are written in LaTeX as the chapters write them.

Examples
--------
>>> from lossviz.terms import TERMS, glossary
>>> ("cross-entropy", "交叉熵", "$H(p, q)$") in TERMS
True
>>> g = glossary()
>>> len(g) == len(TERMS)
True
>>> g.headers in (("term", "中文", "symbol"), ("英文", "中文", "符号"))
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ._text import width as display_width

__all__ = ["TERMS", "HEADERS", "Glossary", "glossary"]

#: One row per term: (English, Chinese, symbol).  The symbol is LaTeX between ``$...$``.
TERMS: tuple[tuple[str, str, str], ...] = (
    # losses and what they measure
    ("loss function", "损失函数", r"$\ell(\hat y, y)$"),
    ("training loss (average loss)", "训练损失（平均损失）", r"$L(\theta) = \frac1N\sum_i \ell_i$"),
    ("parameters (weight, bias)", "参数（权重、偏置）", r"$\theta$ ($w$, $b$)"),
    ("true label", "真实标签", r"$y$"),
    ("prediction (real-valued)", "预测值", r"$\hat y$"),
    ("predicted probability", "预测概率", r"$p = \sigma(z)$"),
    ("logit (log-odds)", "对数几率（logit）", r"$z = \ln\frac{p}{1 - p}$"),
    ("sigmoid", "sigmoid 函数（S 型函数）", r"$\sigma(z) = \frac{1}{1 + e^{-z}}$"),
    ("softmax", "softmax 函数", r"$\mathrm{softmax}(z)_k = e^{z_k} / \sum_j e^{z_j}$"),
    ("one-hot vector", "独热（one-hot）向量", r"$e_y$"),
    # information theory
    ("surprise (information content)", "惊奇度（信息量）", r"$-\log q(x)$"),
    ("entropy", "熵", r"$H(p)$"),
    ("cross-entropy", "交叉熵", r"$H(p, q)$"),
    ("KL divergence (relative entropy)", "KL 散度（相对熵）", r"$\mathrm{KL}(p\,\Vert\,q)$"),
    ("nat", "奈特（nat）", r"$\ln$"),
    ("bit", "比特", r"$\log_2$"),
    # the losses of the course
    ("binary cross-entropy (BCE)", "二元交叉熵（BCE）", r"$-[y\ln p + (1 - y)\ln(1 - p)]$"),
    ("categorical cross-entropy", "多类交叉熵", r"$-\ln p_y$"),
    ("mean squared error (MSE)", "均方误差（MSE）", r"$\frac1N\sum_i (y_i - \hat y_i)^2$"),
    ("least squares", "最小二乘", r"$\min_\theta \sum_i (y_i - \hat y_i)^2$"),
    (
        "mean absolute error (MAE)",
        "平均绝对误差（MAE）",
        r"$\frac1N\sum_i \lvert y_i - \hat y_i\rvert$",
    ),
    ("Huber loss", "Huber 损失", r"$\delta$"),
    # likelihood
    ("likelihood", "似然", r"$\prod_i p_\theta(y_i \mid x_i)$"),
    ("maximum likelihood", "极大似然", r"$\arg\max_\theta \prod_i p_\theta(y_i \mid x_i)$"),
    ("negative log-likelihood (NLL)", "负对数似然（NLL）", r"$-\log p_\theta(y \mid x)$"),
    # optimisation
    ("gradient", "梯度", r"$\nabla L(\theta)$, $\partial\ell/\partial z$"),
    ("gradient descent", "梯度下降", r"$\theta \leftarrow \theta - \eta\,\nabla L(\theta)$"),
    ("learning rate", "学习率", r"$\eta$"),
    ("curvature", "曲率", r"$L''$"),
    ("convex function", "凸函数", r"$L'' \ge 0$"),
    ("saturation", "饱和", r"$\sigma'(z) = \sigma(z)(1 - \sigma(z)) \to 0$"),
    ("vanishing gradient", "梯度消失", r"$\prod_l w_l\,\sigma'(z_l) \to 0$"),
    ("overfitting", "过拟合", r"$L_{\text{train}} \ll L_{\text{test}}$"),
    # many classes, many labels
    ("multi-class classification", "多分类", r"$y \in \{1, \dots, K\}$"),
    ("multi-label classification", "多标签分类", r"$y \in \{0, 1\}^K$"),
    ("temperature", "温度", r"$T$: $\mathrm{softmax}(z / T)$"),
    ("margin", "间隔", r"$m = y\,z$, $y \in \{-1, +1\}$"),
    # imbalance and its remedies
    ("class imbalance", "类别不平衡", r"$n_- : n_+$"),
    ("class weight", "类别权重", r"$w_c = \frac{n}{K\,n_c}$"),
    ("resampling (over-, undersampling)", "重采样（过采样、欠采样）", r"$n_c \to n / K$"),
    ("focal loss", "焦点损失（focal loss）", r"$-\alpha_t (1 - p_t)^\gamma \log p_t$"),
    ("decision threshold", "决策阈值", r"$\hat y = [p > t]$"),
    ("precision", "精确率", r"$\frac{TP}{TP + FP}$"),
    ("recall", "召回率", r"$\frac{TP}{TP + FN}$"),
    ("calibration", "校准", r"$P(y = 1 \mid p) = p$"),
    # against overconfidence and overfitting
    ("label smoothing", "标签平滑", r"$\varepsilon$: $(1 - \varepsilon)\,e_y + \varepsilon / K$"),
    (
        "penalty (regularisation)",
        "惩罚项（正则化）",
        r"$\lambda\lVert\theta\rVert_1$, $\lambda\lVert\theta\rVert_2^2$",
    ),
)

#: Column headers by language.
HEADERS = {"en": ("term", "中文", "symbol"), "zh": ("英文", "中文", "符号")}


def _language() -> str:
    from lossviz.i18n import get_language

    return "zh" if get_language() == "zh" else "en"


@dataclass(frozen=True)
class Glossary:
    """A table of terms that Jupyter shows as HTML (Markdown or plain text elsewhere).

    Parameters
    ----------
    rows : tuple of (str, str, str)
        (English, Chinese, symbol) per term.
    headers : tuple of str
        The three column headers.
    """

    rows: tuple[tuple[str, str, str], ...]
    headers: tuple[str, str, str]

    def __len__(self) -> int:
        return len(self.rows)

    def _repr_html_(self) -> str:
        def cells(tag, row):
            return "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in row)

        head = f"<thead><tr>{cells('th', self.headers)}</tr></thead>"
        body = "".join(f"<tr>{cells('td', r)}</tr>" for r in self.rows)
        return f'<table class="lossviz-glossary">{head}<tbody>{body}</tbody></table>'

    def _repr_markdown_(self) -> str:
        def line(row):
            return "| " + " | ".join(c.replace("|", r"\|") for c in row) + " |"

        return "\n".join([line(self.headers), "|---|---|---|", *map(line, self.rows)])

    def __repr__(self) -> str:
        table = [self.headers, *self.rows]
        widths = [max(display_width(r[k]) for r in table) for k in range(2)]
        return "\n".join(
            "  ".join(c + " " * (w - display_width(c)) for c, w in zip(r[:2], widths, strict=True))
            + "  "
            + r[2]
            for r in table
        )


def glossary() -> Glossary:
    """The course's terms: English, Chinese and symbol, one row each.

    The column headers follow the language of :mod:`lossviz.i18n`: ("term", "中文", "symbol")
    in English, ("英文", "中文", "符号") after ``lv.set_language("zh")``.

    Returns
    -------
    Glossary
        Shown as an HTML table in a notebook, as a Markdown table by ``_repr_markdown_`` and as
        aligned text by ``repr``.

    Examples
    --------
    >>> g = glossary()
    >>> g.rows[0][:2]
    ('loss function', '损失函数')
    >>> "<td>交叉熵</td>" in g._repr_html_()
    True
    """
    return Glossary(TERMS, HEADERS[_language()])
