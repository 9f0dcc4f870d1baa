using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Engine.Store;
using EntiGraph.Stages.Evaluate;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Evaluate;

public sealed class GenerativeStageTests : IDisposable
{
    private readonly GenerativeHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    /// <summary>
    /// A stand-in for a model served behind an endpoint: q1 right with a continuation past the stop string,
    /// q2 wrong with the answer line at the end of the message, q3 never answering; of q1's two samples one
    /// rambles, so only one of them is valid.
    /// </summary>
    private static string Answer(FakeChatCall call, Dictionary<string, int> seen)
    {
        var prompt = call.LastUserContent();
        var question = prompt[prompt.IndexOf("## Example 6", StringComparison.Ordinal)..];
        int arrival;
        lock (seen)
        {
            arrival = seen[question] = seen.GetValueOrDefault(question) + 1;
        }
        if (question.Contains("what happened in q1?", StringComparison.Ordinal))
            return arrival == 1 ? " The night was long." : " The crew left at dawn, as option 2 says.\nAnswer: B.\n\n## Example 7\n### Question";
        if (question.Contains("what happened in q2?", StringComparison.Ordinal))
            return " Nothing points to the others.\nAnswer: A.";
        return " I cannot tell which of these happened.";
    }

    private const string Endpoint = """
            backend: endpoint
            samples: 2
            max_new_tokens: 40
            generator:
              backend: openai
              base_urls: [{0}]
              model: served-cpt-1
              retries: 0
        """;

    [Fact]
    public async Task An_endpoint_answers_and_a_recorded_run_replays_the_same_figures_without_it()
    {
        var seen = new Dictionary<string, int>();
        byte[] first;
        Manifest live;
        await using (var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Answer = call => Answer(call, seen) }))
        {
            live = await _harness.EvaluateAsync(_harness.Write(string.Format(Endpoint, server.V1)));

            Assert.Equal(6, server.Calls.Count);
            var call = server.Calls[0].RequestJson();
            Assert.Equal("served-cpt-1", (string?)call["model"]);
            Assert.Equal(0.1, (double)call["temperature"]!, 6);
            Assert.Null(call["seed"]);
            var message = Assert.Single(server.Calls[0].Messages());
            Assert.Equal("user", message.Role);
            Assert.StartsWith("## Example 1\n", message.Content);
            Assert.EndsWith("Thought process:", message.Content);
            Assert.Contains("In the context of \"The Long Night\", written by John Smith in 1956, what happened in q", message.Content);
            first = File.ReadAllBytes(_harness.File(live, EvaluateStage.EvalFile));
        }

        var eval = _harness.Eval(live)["generative"]!;
        Assert.Equal((3, 2, 1), ((int)eval["questions"]!, (int)eval["parsed"]!, (int)eval["unparsed"]!));
        Assert.Equal(["q3"], eval["unparsed_ids"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(0.5, (double)eval["acc"]!, 12);
        Assert.Equal(0.5, (double)eval["acc_stderr"]!, 12);
        Assert.Equal(1.0 / 3, (double)eval["acc_all"]!, 12);
        Assert.Equal(1.0 / 3, (double)eval["acc_all_stderr"]!, 12);
        Assert.Equal(("endpoint", "served-cpt-1", 2, 40), ((string)eval["backend"]!, (string)eval["model"]!, (int)eval["samples"]!, (int)eval["max_new_tokens"]!));
        Assert.Equal(0.5, (double)live.Metrics["generative_acc"]!, 12);
        Assert.False(_harness.Eval(live).ContainsKey("model"), "an endpoint-only evaluation loads no local model");

        var rows = await _harness.RowsAsync(live);
        Assert.Equal(["q1", "q2", "q3"], rows.Select(r => r.QuestionId));
        Assert.Equal(("B", "B", true, 1), (rows[0].Gold, rows[0].Choice, rows[0].Correct, rows[0].ValidSamples));
        Assert.Equal(" The crew left at dawn, as option 2 says.\nAnswer: B.\n", rows[0].Text);
        Assert.Equal(("C", "A", false, 2), (rows[1].Gold, rows[1].Choice, rows[1].Correct, rows[1].ValidSamples));
        Assert.Equal(("A", null, false, 0), (rows[2].Gold, rows[2].Choice, rows[2].Correct, rows[2].ValidSamples));
        Assert.Equal(" I cannot tell which of these happened.", rows[2].Text);
        Assert.Contains(_harness.Reporter.Messages, m => m.Contains("1 of 3 question(s) got no sample that states an answer", StringComparison.Ordinal) && m.EndsWith(": q3", StringComparison.Ordinal));

        // The server is gone; the recorded backend answers from the response store alone. Which backend
        // answered is not part of the key, so the run is forced.
        var recorded = _harness.Write(string.Format(Endpoint, "http://127.0.0.1:9/v1").Replace("backend: openai", "backend: recorded"));
        var replay = await _harness.EvaluateAsync(recorded, new RunOptions { Force = true });

        Assert.Equal(live.Key, replay.Key);
        Assert.Equal(first, File.ReadAllBytes(_harness.File(replay, EvaluateStage.EvalFile)));
        Assert.Equal(6L, (long)replay.Metrics["generative_generation"]!["store_hits"]!);
    }

    [Fact]
    public async Task A_recorded_run_with_nothing_stored_names_the_missing_request()
    {
        var experiment = _harness.Write(string.Format(Endpoint, "http://127.0.0.1:9/v1").Replace("backend: openai", "backend: recorded"));

        var error = await Assert.ThrowsAsync<StageFailedException>(() => _harness.EvaluateAsync(experiment));

        Assert.Equal("evaluate", error.Stage);
        Assert.Contains("step 'generative', document 'art-1'", error.Message);
        Assert.Contains("is not in the response store", error.Message);
    }

    [Fact]
    public async Task The_trained_model_samples_locally_reports_unparsed_questions_and_repeats_byte_for_byte()
    {
        const string local = """
                samples: 3
                temperature: 1.0
                max_new_tokens: 12
            """;
        var manifest = await _harness.EvaluateAsync(_harness.Write(local));

        var eval = _harness.Eval(manifest);
        var generative = eval["generative"]!;
        var rows = await _harness.RowsAsync(manifest);
        Assert.Equal(3, rows.Count);
        Assert.Equal(3, (int)generative["questions"]!);
        Assert.Equal(3, (int)generative["parsed"]! + (int)generative["unparsed"]!);
        Assert.Equal(rows.Where(r => r.Choice is null).Select(r => r.QuestionId), generative["unparsed_ids"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(rows.Count(r => r.Choice is not null), (int)generative["parsed"]!);
        Assert.All(rows, r => Assert.Equal(3, r.Samples));
        Assert.All(rows, r => Assert.InRange(r.ValidSamples, 0, 3));
        Assert.Equal(3, (int)generative["truncated_prompts"]!);
        Assert.Equal("local", (string)generative["backend"]!);
        Assert.False(generative.AsObject().ContainsKey("model"));
        Assert.True(eval.ContainsKey("model"));

        using var again = new GenerativeHarness();
        var repeat = await again.EvaluateAsync(again.Write(local));
        Assert.Equal(manifest.Key, repeat.Key);
        Assert.Equal(File.ReadAllBytes(_harness.File(manifest, EvaluateStage.EvalFile)), File.ReadAllBytes(again.File(repeat, EvaluateStage.EvalFile)));
        Assert.Equal(File.ReadAllBytes(_harness.File(manifest, EvaluateStage.GenerativeFile)), File.ReadAllBytes(again.File(repeat, EvaluateStage.GenerativeFile)));

        var reseeded = await _harness.EvaluateAsync(_harness.Write(local + "\n    seed: 1"));
        Assert.NotEqual(manifest.Key, reseeded.Key);
    }

    [Fact]
    public async Task A_token_limit_that_leaves_no_room_for_the_prompt_is_a_clear_error()
    {
        var experiment = _harness.Write("    max_new_tokens: 64");

        var error = await Assert.ThrowsAsync<StageFailedException>(() => _harness.EvaluateAsync(experiment));

        Assert.Contains("max_new_tokens (64) leaves no room for a prompt within the model's 64 positions", error.Message);
    }

    [Fact]
    public void An_endpoint_needs_a_model_and_takes_its_sampling_keys_from_the_generative_section()
    {
        var noModel = Assert.Throws<ExperimentSpecException>(() => _harness.Write("    backend: endpoint"));
        Assert.Contains("backend: endpoint needs generator.model", noModel.Message);

        var twice = Assert.Throws<ExperimentSpecException>(() => _harness.Write("    backend: endpoint\n    generator:\n      model: m\n      temperature: 0.7"));
        Assert.Contains("evaluate.generative.generator.temperature: unknown key", twice.Message);
    }

    [Fact]
    public void Only_an_enabled_endpoint_evaluation_lists_what_it_needs_from_outside()
    {
        var stage = new EvaluateStage();
        var endpoint = _harness.Write("    backend: endpoint\n    generator:\n      backend: openai\n      base_urls: [http://127.0.0.1:9/v1]\n      model: m\n      api_key_env: ENTIGRAPH_TEST_UNSET_KEY");

        Assert.Equal(
            ["an OpenAI-compatible endpoint at http://127.0.0.1:9/v1 serving m", "its API key in the environment variable ENTIGRAPH_TEST_UNSET_KEY (unset now)"],
            stage.Prerequisites(endpoint.Section("evaluate").Config));
        Assert.Empty(stage.Prerequisites(_harness.Write("    samples: 2").Section("evaluate").Config));
    }
}
