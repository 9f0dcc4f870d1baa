using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;

namespace EntiGraph.Stages.Card;

/// <summary>
/// The published methods an experiment used, read from the keyed configuration of its stages, each with
/// the part it played and a BibTeX entry: a card cites exactly what ran.
/// </summary>
public static class Citations
{
    public sealed record Method(string Name, string Role, IReadOnlyList<string> Tags, string BibTex)
    {
        public JsonObject ToJson() => new()
        {
            ["name"] = Name,
            ["role"] = Role,
            ["bibtex"] = BibTex,
        };
    }

    public static IReadOnlyList<Method> MethodsUsed(IReadOnlyDictionary<string, StageInput> inputs)
    {
        var used = new List<Method>();
        var synthesize = inputs["synthesize"].Manifest.KeyInputs["config"];
        var curate = inputs["curate"].Manifest.KeyInputs["config"];
        var extract = inputs["extract"].Manifest.KeyInputs["config"];

        switch ((string?)synthesize?["method"])
        {
            case "entigraph":
                used.Add(EntiGraph("synthesize: entity extraction, then pair and triple relation texts; train: continued pretraining with replay"));
                break;
            case "rephrase":
                used.Add(EntiGraph("the Rephrase CPT baseline and its continued-pretraining recipe"));
                used.Add(Rephrase);
                break;
            case "raw":
                used.Add(EntiGraph("the Raw CPT baseline and its continued-pretraining recipe"));
                break;
        }

        var dclmSteps = new[] { ("heuristics", "RefinedWeb and Gopher heuristics"), ("bloom_dedup", "Bloom-filter paragraph deduplication"), ("quality", "the bigram quality classifier") }
            .Where(step => Enabled(curate, step.Item1)).Select(step => step.Item2).ToList();
        if (dclmSteps.Count > 0)
            used.Add(Dclm with { Role = "curate: " + string.Join(", ", dclmSteps) });
        if (Enabled(curate, "selection"))
            used.Add(FinPythia);
        if ((extract?["inputs"] as JsonArray ?? []).Any(i => (string?)i?["format"] == "quality"))
            used.Add(Quality);
        return used;
    }

    private static bool Enabled(JsonNode? config, string section) => config?[section]?["enabled"] is JsonValue value && (bool)value;

    private static Method EntiGraph(string role) => new(
        "EntiGraph synthetic continued pretraining (Yang et al., 2024)",
        role,
        ["entigraph", "synthetic-continued-pretraining"],
        """
        @misc{yang2024syntheticcontinuedpretraining,
          title         = {Synthetic continued pretraining},
          author        = {Zitong Yang and Neil Band and Shuangping Li and Emmanuel Cand{\`e}s and Tatsunori Hashimoto},
          year          = {2024},
          eprint        = {2409.07431},
          archivePrefix = {arXiv},
          primaryClass  = {cs.LG},
          url           = {https://arxiv.org/abs/2409.07431}
        }
        """);

    private static readonly Method Rephrase = new(
        "Rephrasing the web (Maini et al., 2024)",
        "synthesize: the three rephrasing styles of the Rephrase CPT baseline",
        ["rephrase"],
        """
        @misc{maini2024rephrasingweb,
          title         = {Rephrasing the Web: A Recipe for Compute and Data-Efficient Language Modeling},
          author        = {Pratyush Maini and Skyler Seto and He Bai and David Grangier and Yizhe Zhang and Navdeep Jaitly},
          year          = {2024},
          eprint        = {2401.16380},
          archivePrefix = {arXiv},
          primaryClass  = {cs.CL},
          url           = {https://arxiv.org/abs/2401.16380}
        }
        """);

    private static readonly Method Dclm = new(
        "DCLM data curation (Li et al., 2024)",
        "curate",
        ["dclm"],
        """
        @article{li2024datacomplm,
          title   = {DataComp-LM: In search of the next generation of training sets for language models},
          author  = {Jeffrey Li and Alex Fang and Georgios Smyrnis and Maor Ivgi and Matt Jordan and Samir Gadre and Hritik Bansal and Etash Guha and Sedrick Keh and Kushal Arora and others},
          journal = {arXiv preprint arXiv:2406.11794},
          year    = {2024},
          url     = {https://arxiv.org/abs/2406.11794}
        }
        """);

    private static readonly Method FinPythia = new(
        "Efficient domain-adaptive continual pretraining (Xie et al., 2023)",
        "curate: data selection by similarity to the task, perplexity and entropy under a token budget",
        ["continual-pretraining", "data-selection"],
        """
        @misc{xie2023efficientcontinualpretraining,
          title         = {Efficient Continual Pre-training for Building Domain Specific Large Language Models},
          author        = {Yong Xie and Karan Aggarwal and Aitzaz Ahmad},
          year          = {2023},
          eprint        = {2311.08545},
          archivePrefix = {arXiv},
          primaryClass  = {cs.CL},
          url           = {https://arxiv.org/abs/2311.08545}
        }
        """);

    private static readonly Method Quality = new(
        "QuALITY (Pang et al., 2022)",
        "extract: the article and question format of the evaluation",
        [],
        """
        @inproceedings{pang2022quality,
          title     = {{QuALITY}: Question Answering with Long Input Texts, Yes!},
          author    = {Richard Yuanzhe Pang and Alicia Parrish and Nitish Joshi and Nikita Nangia and Jason Phang and Angelica Chen and Vishakh Padmakumar and Johnny Ma and Jana Thompson and He He and Samuel R. Bowman},
          booktitle = {Proceedings of NAACL},
          year      = {2022},
          url       = {https://arxiv.org/abs/2112.08608}
        }
        """);
}
