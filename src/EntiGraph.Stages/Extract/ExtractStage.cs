using System.Text.Encodings.Web;
using System.Text.Json;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Stages.Extract.Readers;

namespace EntiGraph.Stages.Extract;

/// <summary>
/// Turns the downloaded files (QuALITY JSON lines, HTML pages, JSON lines, Parquet tables, text and
/// Markdown) into <c>documents.parquet</c> and <c>questions.parquet</c>, with normalised text.
/// </summary>
public sealed class ExtractStage : Stage
{
    private static readonly JsonSerializerOptions MetadataJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Dictionary<string, IInputReader> ReadersByFormat = new(StringComparer.Ordinal)
    {
        [InputFormats.Quality] = new QualityReader(),
        [InputFormats.Html] = new HtmlPageReader(),
        [InputFormats.Jsonl] = new JsonlReader(),
        [InputFormats.Parquet] = new ParquetTableReader(),
        [InputFormats.Text] = new TextFileReader(),
    };

    public override string Name => "extract";

    public override int Version => 1;

    public override IReadOnlyList<string> Needs => ["download"];

    // Deterministic without randomness: a new seed must not rebuild it.
    public override bool UsesSeed => false;

    public override ConfigSchema Schema => ExtractSettings.Schema;

    // The Parquet writer's name and version are in every file it writes, and the HTML parser decides
    // what text a page has: either changing changes the artifact.
    public override IReadOnlyDictionary<string, string> Versions { get; } = new Dictionary<string, string>
    {
        ["parquet.net"] = LibraryVersion.Of(typeof(Parquet.ParquetWriter)),
        ["anglesharp"] = LibraryVersion.Of(typeof(AngleSharp.Html.Parser.HtmlParser)),
    };

    public override string Description => "Turns raw files (QuALITY JSON, HTML, JSONL, Parquet, text) into documents.parquet and questions.parquet.";

    public override async Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var settings = context.Bind<ExtractSettings>();
        var sources = DownloadedSources.Load(context.Inputs["download"].Directory);
        var metrics = new ExtractMetrics();
        var found = await ReadInputsAsync(context, settings, sources, metrics, cancellationToken);

        var documents = new List<DocumentRow>(found.Count);
        var questions = new List<QuestionRow>();
        using (var progress = context.Reporter.Progress("extract: converting documents", found.Count, "documents"))
        {
            foreach (var (raw, input) in found)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var document = Convert(raw, settings.DocumentString);
                documents.Add(document);
                questions.AddRange(raw.Questions.Select(q => Convert(q, raw.Id, input.Split)));
                metrics.AddDocument(document.Id, document.Text, raw.Questions.Count);
                progress.Advance(1);
            }
        }

        await ExtractOutput.WriteAsync(context.OutputPath(ExtractOutput.DocumentsFile), documents, cancellationToken);
        await ExtractOutput.WriteAsync(context.OutputPath(ExtractOutput.QuestionsFile), questions, cancellationToken);
        metrics.WriteTo(context.Metrics);
    }

    /// <summary>Every input's files, parsed, in the order of the configuration and of sources.json.</summary>
    private static async Task<List<(RawDocument Document, InputSettings Input)>> ReadInputsAsync(
        StageContext context, ExtractSettings settings, IReadOnlyList<DownloadedSource> sources, ExtractMetrics metrics, CancellationToken cancellationToken)
    {
        var plan = settings.Inputs.Select((input, index) => (Input: input, Source: FindSource(sources, input, index))).ToList();
        var found = new List<(RawDocument, InputSettings)>();
        var documentPlaces = new Dictionary<string, string>(StringComparer.Ordinal);
        var questionPlaces = new Dictionary<string, string>(StringComparer.Ordinal);
        using var progress = context.Reporter.Progress("extract: reading files", plan.Sum(p => p.Source.Files.Count), "files");
        foreach (var (input, source) in plan)
        {
            var (documents, questions) = (0, 0);
            foreach (var file in source.Files)
            {
                var format = InputFormats.Resolve(input.Format, file);
                var idPrefix = source.Files.Count == 1 ? source.Name : file.Display;
                foreach (var document in await ReadersByFormat[format].ReadAsync(new InputRequest(file, input, idPrefix), cancellationToken))
                {
                    Claim(documentPlaces, "document", document.Id, document.Place);
                    foreach (var question in document.Questions)
                    {
                        Claim(questionPlaces, "question", question.QuestionId, question.Place);
                    }

                    found.Add((document, input));
                    documents++;
                    questions += document.Questions.Count;
                }

                progress.Advance(1);
            }

            metrics.AddInput(input, source.Files.Count, documents, questions);
        }

        return found;
    }

    private static DownloadedSource FindSource(IReadOnlyList<DownloadedSource> sources, InputSettings input, int index)
    {
        var source = sources.FirstOrDefault(s => s.Name == input.Source);
        var where = $"extract.inputs[{index}]";
        if (source is null)
        {
            var names = sources.Count == 0 ? "none" : string.Join(", ", sources.Select(s => s.Name));
            throw new ExtractInputException($"{where}: no download source named '{input.Source}'; the download stage has: {names}");
        }

        return source.Files.Count > 0 ? source
            : throw new ExtractInputException($"{where}: the download source '{source.Name}' has no files");
    }

    // Ids join questions to documents and later stages to both: two records with one id is an error
    // in the input, named by both places, never a silent overwrite.
    private static void Claim(Dictionary<string, string> places, string what, string id, string place)
    {
        if (!places.TryAdd(id, place))
        {
            throw new ExtractInputException($"{what} id '{id}' appears twice: at {places[id]} and at {place}");
        }
    }

    private static DocumentRow Convert(RawDocument raw, string documentString)
    {
        string text;
        var title = raw.Title;
        if (raw.Kind == BodyKind.Html)
        {
            var page = HtmlText.Extract(raw.Body);
            text = page.Text;
            title ??= page.Title;
        }
        else
        {
            text = TextNormalizer.Normalize(raw.Body);
        }

        title = TextNormalizer.NormalizeInline(title) ?? TextNormalizer.NormalizeInline(raw.FallbackTitle);
        var author = TextNormalizer.NormalizeInline(raw.Author);
        return new DocumentRow
        {
            Id = raw.Id,
            Source = raw.Source,
            Title = title,
            Author = author,
            Year = raw.Year,
            Text = DocumentString.Write(documentString, title, author, raw.Year, text),
            Metadata = raw.Metadata.ToJsonString(MetadataJson),
        };
    }

    private static QuestionRow Convert(RawQuestion question, string documentId, string split) => new()
    {
        DocumentId = documentId,
        QuestionId = question.QuestionId,
        Question = TextNormalizer.Normalize(question.Question),
        Options = question.Options.Select(TextNormalizer.Normalize).ToList(),
        Gold = question.Gold,
        Difficult = question.Difficult,
        Split = split,
        Metadata = question.Metadata.ToJsonString(MetadataJson),
    };
}
