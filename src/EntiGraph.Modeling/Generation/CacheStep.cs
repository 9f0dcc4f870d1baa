using TorchSharp;
using static TorchSharp.torch;

namespace EntiGraph.Modeling.Generation;

/// <summary>
/// One incremental forward as planned against a <see cref="KeyValueCache"/>: the first new slot, how many,
/// each new token's rotary position (null when every row's positions are Offset..Offset+Seq-1), and which of
/// the slots 0..Offset+Seq-1 of every row hold real tokens (null when all do).
/// </summary>
internal sealed record CacheStep(long Offset, long Seq, long Batch, long MaxPosition, long[]? Positions, bool[]? KeySlotIsReal)
{
    /// <summary>
    /// The mask to give attention, or none with SDPA's own causal flag where that is already right.
    /// SDPA aligns its causal mask to the top-left corner: correct when nothing is cached, wrong otherwise.
    /// </summary>
    public (Tensor? Mask, bool Causal) AttentionMask(Device device)
    {
        if (KeySlotIsReal is null)
        {
            if (Offset == 0)
                return (null, true);
            // One query at the end may read every cached key.
            if (Seq == 1)
                return (null, false);
        }

        long keys = Offset + Seq;
        // New token t sits in slot Offset + t and may read slots up to and including its own.
        var keySlot = torch.arange(keys, device: device).unsqueeze(0);
        var querySlot = torch.arange(Offset, keys, device: device).unsqueeze(1);
        var causal = keySlot.le(querySlot); // [seq, keys]
        if (KeySlotIsReal is null)
            return (causal, false);

        var real = torch.tensor(KeySlotIsReal, [Batch, keys], device: device).unsqueeze(1); // [batch, 1, keys]
        // Every query also keeps its own slot: a padding query would otherwise see no key at all, and its
        // softmax over nothing would be NaN, which then leaks through zero attention weights into real rows.
        var own = keySlot.eq(querySlot).unsqueeze(0);
        var mask = causal.unsqueeze(0).logical_and(real.logical_or(own)); // [batch, seq, keys]
        return (mask.unsqueeze(1), false);
    }
}
