"""Self-check questions of chapter 07 (class imbalance)."""

from lossviz.exercises import Exercise

__all__ = ["QUESTIONS"]

QUESTIONS = [
    Exercise(
        "A binary data set has 80 negatives and 20 positives. What are scikit-learn's 'balanced' "
        "class weights n / (K n_c), as [weight of class 0, weight of class 1]?",
        answer=[0.625, 2.5],
        hint=["n = 100 and K = 2.", "Check with lv.imbalance.class_weights(counts=[80, 20])."],
        solution="100 / (2 * 80) = 0.625 and 100 / (2 * 20) = 2.5; both classes then have a total "
        "weight of 50 = n / K.",
    ),
    Exercise(
        "With gamma = 2, how many times smaller than cross-entropy is the focal loss of an example "
        "with p_t = 0.8?",
        answer=25.0,
        hint="CE / FL = 1 / (1 - p_t)^gamma.",
        solution="1 / (1 - 0.8)^2 = 1 / 0.04 = 25 (lv.bce_with_logits([1], [lv.logit(0.8)]) / "
        "lv.focal_loss_with_logits([1], [lv.logit(0.8)], gamma=2)).",
    ),
    Exercise(
        "A model trained on oversampled data (50 % positives) predicts p = 0.5 for a test example. "
        "The true positive rate is 1 %. What is the prior-corrected probability?",
        answer=0.01,
        hint=[
            "Use p' = p r1 / (p r1 + (1 - p) r0) with r1 = 0.01 / 0.5 and r0 = 0.99 / 0.5.",
            "Or: lv.imbalance.prior_correction([0.5], 0.5, 0.01).",
        ],
        solution="0.5 * 0.02 / (0.5 * 0.02 + 0.5 * 1.98) = 0.01: 'no evidence either way' under a "
        "50 % prior means the base rate, 1 %, under the true prior.",
    ),
    Exercise(
        "In the focal loss with alpha = 0.25 (Lin et al. 2017, torchvision's default), which is true?",
        answer="c",
        choices=[
            "The rare positives get weight 0.75 and the negatives 0.25.",
            "alpha = 0.25 is the inverse class frequency of the positives.",
            "The positives get weight 0.25 and the negatives 0.75, and the paper found the best "
            "alpha decreases as gamma increases.",
            "alpha has no effect once gamma > 0.",
        ],
        hint="alpha_t = alpha for y = 1 and 1 - alpha for y = 0.",
        solution="alpha_t = 0.25 for positives and 0.75 for negatives: the rare class is down-weighted. "
        "The paper's explanation: gamma already suppresses the many easy negatives, so the "
        "positives need less help; alpha = 0.75 was best at gamma = 0, 0.25 at gamma = 2.",
    ),
]
