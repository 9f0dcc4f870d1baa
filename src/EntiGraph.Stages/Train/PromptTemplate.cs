namespace EntiGraph.Stages.Train;

/// <summary>
/// How an instruction becomes the prompt a fine-tuned model sees; the response follows it directly.
/// Training and generation must use the same layout, so both read it from here.
/// </summary>
public static class PromptTemplate
{
    public static string Format(string template, string instruction, string? input) => template switch
    {
        SftSettings.Alpaca when string.IsNullOrWhiteSpace(input) =>
            "Below is an instruction that describes a task. Write a response that appropriately completes the request.\n\n" +
            $"### Instruction:\n{instruction}\n\n### Response:\n",
        SftSettings.Alpaca =>
            "Below is an instruction that describes a task, paired with an input that provides further context. " +
            "Write a response that appropriately completes the request.\n\n" +
            $"### Instruction:\n{instruction}\n\n### Input:\n{input}\n\n### Response:\n",
        SftSettings.Chat => $"<|user|>\n{(string.IsNullOrWhiteSpace(input) ? instruction : instruction + "\n\n" + input)}\n<|assistant|>\n",
        _ => throw new ArgumentException($"unknown prompt template '{template}'; choose {SftSettings.Alpaca} or {SftSettings.Chat}", nameof(template)),
    };
}
