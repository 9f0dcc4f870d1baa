using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace EntiGraph.Stages.Extract.Readers;

/// <summary>
/// Reads a file line by line as strict UTF-8, so that a bad byte is reported with the line it is on
/// (a lenient decoder would quietly turn it into U+FFFD and the damage would reach the corpus).
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private readonly SourceFile _file;
    private readonly FileStream _stream;
    private byte[] _buffer = new byte[64 * 1024];
    private char[] _chars = new char[1024];
    private int _start;
    private int _end;
    private bool _endOfFile;

    public Utf8LineReader(SourceFile file)
    {
        _file = file;
        _stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
    }

    /// <summary>The 1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>The next line without its line ending, or null at the end of the file.</summary>
    public string? ReadLine()
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Decode(_start, newline);
                _start = newline + 1;
                return line;
            }

            if (_endOfFile)
            {
                if (_start == _end)
                {
                    return null;
                }

                var last = Decode(_start, _end);
                _start = _end;
                return last;
            }

            Fill();
        }
    }

    /// <summary>The rest of the file, lines joined by <c>\n</c>.</summary>
    public string ReadToEnd()
    {
        var text = new StringBuilder();
        var first = true;
        while (ReadLine() is { } line)
        {
            if (!first)
            {
                text.Append('\n');
            }

            text.Append(line);
            first = false;
        }

        return text.ToString();
    }

    public void Dispose() => _stream.Dispose();

    private void Fill()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // A line longer than the buffer (a QuALITY article is one line): grow rather than split it.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfFile = true;
        }

        _end += read;
    }

    private string Decode(int start, int end)
    {
        LineNumber++;
        if (LineNumber == 1 && end - start >= 3 && _buffer[start] == 0xEF && _buffer[start + 1] == 0xBB && _buffer[start + 2] == 0xBF)
        {
            start += 3;
        }

        if (end > start && _buffer[end - 1] == '\r')
        {
            end--;
        }

        var bytes = _buffer.AsSpan(start, end - start);
        if (_chars.Length < bytes.Length)
        {
            _chars = new char[Math.Max(bytes.Length, _chars.Length * 2)];
        }

        var status = Utf8.ToUtf16(bytes, _chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            var at = read < bytes.Length ? $" (byte 0x{bytes[read].ToString("X2", CultureInfo.InvariantCulture)} at byte {(read + 1).ToString(CultureInfo.InvariantCulture)} of the line)" : "";
            throw _file.Error($"line {LineNumber}", "invalid UTF-8" + at);
        }

        return new string(_chars, 0, written);
    }
}
