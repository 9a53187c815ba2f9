"""Content: the author's articles, pages and quizzes loaded and validated into one `Site`.

Front matter, documents, quiz files with their body files, topics, drafts, and where each is published
(`urls`). Nothing here renders. May import: `attunement.quiz`, `attunement.config`, `attunement.files`,
`attunement.diagnostics`.
"""
