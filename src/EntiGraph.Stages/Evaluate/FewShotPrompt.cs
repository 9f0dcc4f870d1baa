namespace EntiGraph.Stages.Evaluate;

/// <summary>
/// The five worked examples that open every generative prompt, in the EntiGraph paper's layout: each a
/// question about a famous book, its lettered choices and a short chain of thought that ends in an
/// <c>Answer: X.</c> line. The books are public-domain classics a pretrained model has read about, so the
/// examples teach the format and the habit of reasoning before answering, not facts about the test
/// articles. The fourth example has no year, as some QuALITY articles have none, so the model has seen
/// that form of the question too.
/// </summary>
public static class FewShotPrompt
{
    /// <summary>How many examples <see cref="Prefix"/> holds; the real question is the next one.</summary>
    public const int Examples = 5;

    public const string Prefix = """
        ## Example 1
        ### Question
        In the context of "Moby-Dick", written by Herman Melville in 1851, on which ship does Ishmael sail in pursuit of the white whale? There is only one correct choice.
        ### Choices
        A. The Rachel
        B. The Pequod
        C. The Jeroboam
        D. The Bachelor
        ### Thought Process and Answer
        Thought process: Ishmael signs on at Nantucket with a whaler commanded by Captain Ahab and named after a Native American people. The Rachel is the ship that searches for its captain's lost son and, at the very end, picks Ishmael out of the sea. The Jeroboam and the Bachelor are ships the crew meets on the voyage. The ship Ishmael sails on is therefore the Pequod.
        Answer: B.

        ## Example 2
        ### Question
        In the context of "Pride and Prejudice", written by Jane Austen in 1813, why does Elizabeth Bennet turn down Mr. Darcy's first proposal? There is only one correct choice.
        ### Choices
        A. She believes he parted Jane from Mr. Bingley and treated Mr. Wickham cruelly.
        B. She has already accepted Mr. Collins.
        C. Her father forbids the marriage.
        D. She means to leave England with the Gardiners.
        ### Thought Process and Answer
        Thought process: Elizabeth refused Mr. Collins, who then married Charlotte Lucas, so she is engaged to no one. Her father never forbids anything, and the trip with the Gardiners only takes her to Derbyshire. When Darcy proposes at Hunsford she accuses him of ruining Jane's happiness by separating her from Bingley and of wronging Wickham, whose story she still believes.
        Answer: A.

        ## Example 3
        ### Question
        In the context of "Frankenstein", written by Mary Shelley in 1818, where does Victor Frankenstein tell his story to Robert Walton? There is only one correct choice.
        ### Choices
        A. In a tavern in Geneva
        B. In his laboratory at Ingolstadt
        C. On board a ship caught in the Arctic ice
        D. In a prison cell in Ireland
        ### Thought Process and Answer
        Thought process: The novel is told through Walton's letters to his sister. His ship is trapped in the ice on the way to the North Pole, and the crew take an exhausted Victor on board from a sledge on the ice. Ingolstadt is where Victor made the creature and Ireland is where he was jailed for Clerval's murder, but he tells Walton everything on the ship.
        Answer: C.

        ## Example 4
        ### Question
        In the context of "The Odyssey", written by Homer, how do Odysseus and his men get out of the Cyclops' cave? There is only one correct choice.
        ### Choices
        A. They kill Polyphemus in his sleep and roll the stone away.
        B. Athena turns them into birds.
        C. They hide in empty wine jars that Polyphemus carries out.
        D. They blind Polyphemus and slip out beneath his sheep.
        ### Thought Process and Answer
        Thought process: Only the giant can move the boulder that closes the cave, so killing him would trap the men inside. Odysseus makes Polyphemus drunk, tells him his name is Nobody, and drives a sharpened olive stake into his eye. In the morning the blind Cyclops lets his flock out to graze, feeling their backs, and the men cling to the undersides of the sheep.
        Answer: D.

        ## Example 5
        ### Question
        In the context of "Great Expectations", written by Charles Dickens in 1861, who turns out to be Pip's secret benefactor? There is only one correct choice.
        ### Choices
        A. Miss Havisham
        B. Abel Magwitch
        C. Mr. Jaggers
        D. Joe Gargery
        ### Thought Process and Answer
        Thought process: Pip long believes that Miss Havisham is paying for his education as a gentleman. Mr. Jaggers is only the lawyer who passes the money on, and Joe is a blacksmith with nothing to give. The money comes from the convict Pip helped on the marshes as a child, Abel Magwitch, who made a fortune in New South Wales and comes back to tell him so.
        Answer: B.


        """;
}
