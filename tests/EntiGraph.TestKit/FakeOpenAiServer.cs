using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EntiGraph.TestKit;

/// <summary>One chat-completions call as the fake server saw it, with what it answered.</summary>
public sealed record FakeChatCall(
    int Number,
    string Path,
    string Body,
    string? Authorization,
    DateTimeOffset ArrivedAt,
    string RequestId,
    int Status,
    string? Answer,
    long PromptTokens,
    long CompletionTokens)
{
    public JsonObject RequestJson() => JsonNode.Parse(Body)!.AsObject();

    /// <summary>The text of every message, in order; content sent as parts is joined.</summary>
    public IReadOnlyList<(string Role, string Content)> Messages() => FakeOpenAiServer.MessagesOf(RequestJson());

    public string LastUserContent() => Messages().Last(m => m.Role == "user").Content;

    /// <summary>Whether the server produced a whole answer (a held one may reach a client that stopped waiting).</summary>
    public bool Answered => Status == StatusCodes.Status200OK && Answer is not null;
}

/// <summary>What the server does instead of answering, for one scripted call.</summary>
public sealed record ScriptedFault(int Status, string? RetryAfter = null, bool DropConnection = false, bool ResetBeforeReply = false, TimeSpan Stall = default)
{
    /// <summary>An error status (429, 500, 400...), optionally with a Retry-After header.</summary>
    public static ScriptedFault WithStatus(int status, string? retryAfter = null) => new(status, retryAfter);

    /// <summary>A 200 whose body stops halfway, then the connection is reset.</summary>
    public static ScriptedFault Drop() => new(StatusCodes.Status200OK, DropConnection: true);

    /// <summary>The connection is reset before a single byte of the reply is sent.</summary>
    public static ScriptedFault Reset() => new(0, ResetBeforeReply: true);

    /// <summary>The reply is held this long (on top of the latency) before it is sent, complete and too late.</summary>
    public static ScriptedFault Hold(TimeSpan stall) => new(StatusCodes.Status200OK, Stall: stall);
}

/// <summary>How a <see cref="FakeOpenAiServer"/> behaves.</summary>
public sealed record FakeOpenAiOptions
{
    /// <summary>The assistant's answer to a call; by default it echoes the last user message.</summary>
    public Func<FakeChatCall, string> Answer { get; init; } = call => "answer to: " + call.LastUserContent();

    /// <summary>How long each call is held before the server replies (faults included).</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    /// <summary>Faults for the first calls, by arrival order; a null entry answers normally.</summary>
    public IReadOnlyList<ScriptedFault?> Faults { get; init; } = [];

    /// <summary>Distinguishes the request ids of several servers in one test.</summary>
    public string Name { get; init; } = "fake";
}

/// <summary>
/// An OpenAI-compatible chat-completions endpoint on a loopback socket, so that the real OpenAI SDK,
/// its HTTP pipeline and the generator's retry policy are exercised end to end. It records every call
/// and the most calls it held at once, which is how tests prove a concurrency limit without timing.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    public const string ChatPath = "/v1/chat/completions";

    private readonly FakeOpenAiOptions _options;
    private readonly ConcurrentQueue<FakeChatCall> _calls = new();
    private LoopbackServer? _server;
    private int _arrivals;
    private int _inFlight;
    private int _maxInFlight;

    private FakeOpenAiServer(FakeOpenAiOptions options) => _options = options;

    public static async Task<FakeOpenAiServer> StartAsync(FakeOpenAiOptions? options = null)
    {
        var fake = new FakeOpenAiServer(options ?? new FakeOpenAiOptions());
        fake._server = await LoopbackServer.StartAsync(fake.HandleAsync);
        return fake;
    }

    /// <summary>What a client takes as its endpoint: the base address with <c>v1</c>, as OpenAI's own is.</summary>
    public string V1 => new Uri(_server!.BaseAddress, "v1").AbsoluteUri;

    /// <summary>Every call so far, in arrival order.</summary>
    public IReadOnlyList<FakeChatCall> Calls => _calls.OrderBy(c => c.Number).ToList();

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public long PromptTokensReported => Calls.Where(c => c.Answered).Sum(c => c.PromptTokens);

    public long CompletionTokensReported => Calls.Where(c => c.Answered).Sum(c => c.CompletionTokens);

    private async Task HandleAsync(HttpContext context)
    {
        var arrivedAt = DateTimeOffset.UtcNow;
        var number = Interlocked.Increment(ref _arrivals) - 1;
        EnterFlight();
        var leftFlight = false;
        try
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            var requestId = $"req_{_options.Name}_{number:D4}";
            var fault = number < _options.Faults.Count ? _options.Faults[number] : null;
            var call = new FakeChatCall(number, context.Request.Path, body, Header(context, "Authorization"), arrivedAt, requestId,
                fault?.Status ?? StatusCodes.Status200OK, null, 0, 0);
            if (context.Request.Path != ChatPath || context.Request.Method != HttpMethods.Post)
            {
                call = call with { Status = StatusCodes.Status404NotFound };
            }
            else if (fault is null || fault.Stall > TimeSpan.Zero)
            {
                var answer = _options.Answer(call);
                call = call with { Answer = answer, PromptTokens = Words(string.Join(' ', call.Messages().Select(m => m.Content))), CompletionTokens = Words(answer) };
            }

            _calls.Enqueue(call);
            var hold = _options.Latency + (fault?.Stall ?? TimeSpan.Zero);
            if (hold > TimeSpan.Zero)
            {
                await Task.Delay(hold, context.RequestAborted);
            }

            // Leave the in-flight count before replying: the client may send its next request as soon as it
            // has this reply, and that request must not be counted alongside this one.
            LeaveFlight();
            leftFlight = true;
            context.Response.Headers["x-request-id"] = requestId;
            await ReplyAsync(context, call, fault);
        }
        finally
        {
            if (!leftFlight)
            {
                LeaveFlight();
            }
        }
    }

    private static async Task ReplyAsync(HttpContext context, FakeChatCall call, ScriptedFault? fault)
    {
        if (fault is { ResetBeforeReply: true })
        {
            context.Abort();
            return;
        }

        if (fault is { DropConnection: true })
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(Completion(call with { Answer = "this reply never arrives whole" }).ToJsonString());
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await context.Response.Body.FlushAsync();
            context.Abort();
            return;
        }

        context.Response.StatusCode = call.Status;
        if (fault?.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync((call.Answered ? Completion(call) : Error(call)).ToJsonString());
    }

    private static JsonObject Completion(FakeChatCall call) => new()
    {
        ["id"] = "chatcmpl-" + call.RequestId,
        ["object"] = "chat.completion",
        ["created"] = call.ArrivedAt.ToUnixTimeSeconds(),
        ["model"] = (string?)call.RequestJson()["model"],
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = call.Answer, ["refusal"] = null },
            ["logprobs"] = null,
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject
        {
            ["prompt_tokens"] = call.PromptTokens,
            ["completion_tokens"] = call.CompletionTokens,
            ["total_tokens"] = call.PromptTokens + call.CompletionTokens,
        },
    };

    private static JsonObject Error(FakeChatCall call) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = $"scripted failure {call.Status} for call {call.Number}",
            ["type"] = call.Status == StatusCodes.Status429TooManyRequests ? "rate_limit_exceeded" : "server_error",
            ["param"] = null,
            ["code"] = null,
        },
    };

    /// <summary>Message text from a request body, whether each content is a string or a list of parts.</summary>
    public static IReadOnlyList<(string Role, string Content)> MessagesOf(JsonObject request) =>
        request["messages"]?.AsArray().Select(m => ((string)m!["role"]!, m["content"] switch
        {
            JsonArray parts => string.Concat(parts.Select(p => (string?)p!["text"] ?? "")),
            JsonNode text => (string?)text ?? "",
            null => "",
        })).ToList() ?? [];

    private static long Words(string text) => Math.Max(1, text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);

    private static string? Header(HttpContext context, string name) =>
        context.Request.Headers[name].ToString() is { Length: > 0 } value ? value : null;

    private void EnterFlight()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }
    }

    private void LeaveFlight() => Interlocked.Decrement(ref _inFlight);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
