using TorchSharp;

namespace EntiGraph.Modeling.SafeTensors;

/// <summary>One tensor's header record; offsets are relative to the first byte after the header.</summary>
internal sealed record SafeTensorsEntry(string Name, torch.ScalarType DType, long[] Shape, long Begin, long End)
{
    public long Length => End - Begin;
}
