using EntiGraph.Modeling.Llama;
using TorchSharp;
using static TorchSharp.torch;

namespace EntiGraph.Modeling.Generation;

/// <summary>
/// The keys and values every layer has computed so far, for <see cref="LlamaModel.Forward(Tensor, KeyValueCache, Tensor?)"/>.
/// Storage for <see cref="Capacity"/> slots per row is allocated once, on first use, with the model's element type
/// and device, and each forward writes its new slots in place: appending by concatenation would copy the whole
/// cache at every generated token. Slots are positions in the padded batch; a row's rotary positions count only
/// its real tokens, which the cache tracks per row.
/// </summary>
public sealed class KeyValueCache : IDisposable
{
    private readonly int _layers, _kvHeads, _headDim;
    private readonly Tensor?[] _keys, _values;
    // Managed copies of which slots hold real tokens and how many each row has: small, and needed on the CPU
    // anyway to compute positions, so no device round trip per step.
    private readonly bool[] _slotIsReal;
    private readonly long[] _realCount;
    private bool _disposed;

    public KeyValueCache(LlamaConfig config, long batch, long capacity)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (batch <= 0)
            throw new ArgumentOutOfRangeException(nameof(batch), $"A cache needs at least one row, not {batch}.");
        if (capacity <= 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), $"A cache needs at least one slot, not {capacity}.");
        _layers = config.NumHiddenLayers;
        _kvHeads = config.NumKeyValueHeads;
        _headDim = config.HeadDim;
        Batch = batch;
        Capacity = capacity;
        _keys = new Tensor?[_layers];
        _values = new Tensor?[_layers];
        _slotIsReal = new bool[checked(batch * capacity)];
        _realCount = new long[batch];
    }

    public long Batch { get; }

    /// <summary>Slots per row, padding included.</summary>
    public long Capacity { get; }

    /// <summary>Slots filled so far, the same for every row.</summary>
    public long Length { get; private set; }

    /// <summary>Whether any filled slot is padding; until then every row's positions are simply 0..Length-1.</summary>
    public bool HasPadding { get; private set; }

    /// <summary>Real (unpadded) tokens cached for one row.</summary>
    public long RealLength(int row) => _realCount[row];

    /// <summary>Forgets every slot but keeps the storage, so the cache can serve another sequence of the same shape.</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Length = 0;
        HasPadding = false;
        Array.Clear(_slotIsReal);
        Array.Clear(_realCount);
    }

    internal void CheckMatches(LlamaConfig config, long batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (config.NumHiddenLayers != _layers || config.NumKeyValueHeads != _kvHeads || config.HeadDim != _headDim)
            throw new ArgumentException(
                $"The cache was made for {_layers} layers of {_kvHeads} key/value heads of width {_headDim}; the model has " +
                $"{config.NumHiddenLayers} layers of {config.NumKeyValueHeads} of width {config.HeadDim}.");
        if (batch != Batch)
            throw new ArgumentException($"The cache holds {Batch} rows; the input has {batch}.");
    }

    /// <summary>
    /// Positions and visibility for <paramref name="seq"/> new slots, without changing the cache;
    /// <paramref name="newIsReal"/> is [batch * seq] row-major, null when every new slot is a real token.
    /// </summary>
    internal CacheStep Plan(long seq, bool[]? newIsReal)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Length + seq > Capacity)
            throw new InvalidOperationException(
                $"The cache holds {Capacity} slots per row; {Length} are filled and {seq} more do not fit.");
        if (newIsReal is not null && newIsReal.Length != Batch * seq)
            throw new ArgumentException($"The padding mask has {newIsReal.Length} entries, expected {Batch} x {seq}.");

        bool newHasPadding = newIsReal is not null && Array.IndexOf(newIsReal, false) >= 0;
        if (!HasPadding && !newHasPadding)
            return new CacheStep(Length, seq, Batch, Length + seq - 1, Positions: null, KeySlotIsReal: null);

        var positions = new long[Batch * seq];
        long maxPosition = 0;
        for (long b = 0; b < Batch; b++)
        {
            long next = _realCount[b];
            for (long t = 0; t < seq; t++)
            {
                long i = b * seq + t;
                if (newIsReal is null || newIsReal[i])
                {
                    positions[i] = next++;
                    maxPosition = Math.Max(maxPosition, positions[i]);
                }
                // A padding slot keeps position 0: nothing real ever attends to it, so its rotation does not matter.
            }
        }

        long keys = Length + seq;
        var keySlotIsReal = new bool[Batch * keys];
        for (long b = 0; b < Batch; b++)
        {
            Array.Copy(_slotIsReal, b * Capacity, keySlotIsReal, b * keys, Length);
            for (long t = 0; t < seq; t++)
                keySlotIsReal[b * keys + Length + t] = newIsReal is null || newIsReal[b * seq + t];
        }
        return new CacheStep(Length, seq, Batch, maxPosition, positions, keySlotIsReal);
    }

    /// <summary>Records a planned step once every layer has appended its slots.</summary>
    internal void Commit(CacheStep step)
    {
        if (step.Offset != Length)
            throw new InvalidOperationException($"A step planned at slot {step.Offset} cannot be committed at slot {Length}.");
        for (long b = 0; b < Batch; b++)
        {
            for (long t = 0; t < step.Seq; t++)
            {
                bool real = step.KeySlotIsReal is null || step.KeySlotIsReal[b * (step.Offset + step.Seq) + step.Offset + t];
                _slotIsReal[b * Capacity + Length + t] = real;
                if (real)
                    _realCount[b]++;
                else
                    HasPadding = true;
            }
        }
        Length += step.Seq;
    }

    /// <summary>
    /// Writes one layer's new keys and values [batch, kvHeads, seq, headDim] after the filled slots and returns
    /// views of all of them, filled and new.
    /// </summary>
    internal (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (layer < 0 || layer >= _layers)
            throw new ArgumentOutOfRangeException(nameof(layer), $"Layer {layer} is outside 0..{_layers - 1}.");
        long seq = keys.shape[2];
        if (keys.shape[0] != Batch || keys.shape[1] != _kvHeads || keys.shape[3] != _headDim)
            throw new ArgumentException(
                $"Keys must be [{Batch}, {_kvHeads}, seq, {_headDim}]; got [{string.Join(", ", keys.shape)}].");
        if (Length + seq > Capacity)
            throw new InvalidOperationException($"{seq} new slots after {Length} exceed the capacity of {Capacity}.");

        var keyStore = _keys[layer] ??= Allocate(keys);
        var valueStore = _values[layer] ??= Allocate(values);
        keyStore.narrow(2, Length, seq).copy_(keys);
        valueStore.narrow(2, Length, seq).copy_(values);
        return (keyStore.narrow(2, 0, Length + seq), valueStore.narrow(2, 0, Length + seq));
    }

    private Tensor Allocate(Tensor like)
    {
        // A normal tensor even under inference mode, so that later steps may write into it outside inference
        // mode too; detached from the caller's dispose scope because it lives as long as the cache.
        using (torch.inference_mode(false))
            return torch.zeros([Batch, _kvHeads, Capacity, _headDim], like.dtype, like.device).DetachFromDisposeScope();
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var tensor in _keys.Concat(_values))
            tensor?.Dispose();
        Array.Clear(_keys);
        Array.Clear(_values);
    }
}
