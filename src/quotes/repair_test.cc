// The rules after the model, on invented sentences. Most tests give the rules the spans a
// tagger might propose (so each rule is tested alone); the last ones run the whole stage.
#include "quotes/repair.h"

#include <gtest/gtest.h>

#include "quotes/provenance.h"
#include "quotes/quotes.h"
#include "quotes/quotes_testing.h"

namespace sitrep::quotes {
namespace {

Article Make(const std::string& text, std::vector<std::string> relays = {}) {
  return testing::ParagraphArticle(text, std::move(relays));
}

// The span of the first `words` at or after `from`.
Span Find(const Article& a, std::string_view words, size_t from = 0) {
  const size_t at = a.text.find(words, from);
  EXPECT_NE(at, std::string::npos) << words;
  if (at == std::string::npos) return {};
  return {uint32_t(at), uint32_t(at + words.size())};
}

// An attribution as a tagger might propose it: cue, source and content given by their words.
Attribution& Propose(Article& a, std::string_view cue, std::string_view source, std::string_view content) {
  Attribution q;
  q.cue = Find(a, cue);
  if (!source.empty()) q.source = Find(a, source);
  q.content = Find(a, content);
  a.attributions.push_back(q);
  return a.attributions.back();
}

// The entity tagger's find of a person's name.
void NamePerson(Article& a, std::string_view name) {
  Mention m;
  m.span = Find(a, name);
  m.type = EntityType::kPerson;
  a.mentions.push_back(m);
}

std::string ContentOf(const Article& a, size_t i) { return std::string(a.Text(a.attributions.at(i).content)); }

const Attribution* Saying(const Article& a, std::string_view words) {
  for (const Attribution& q : a.attributions)
    if (a.Text(q.content).find(words) != std::string_view::npos) return &q;
  return nullptr;
}

TEST(Repair, ReportedClauseRunsToTheEndOfItsSentence) {
  Article a = Make(
      "Citing council data, he said that in recent days, the mayor had received the harbour master "
      "and the police chief at meetings.");
  Propose(a, "said", "he", "that in recent days");
  RepairAttributions(a);
  ASSERT_EQ(a.attributions.size(), 1u);
  EXPECT_EQ(ContentOf(a, 0),
            "that in recent days, the mayor had received the harbour master and the police chief at meetings");
}

TEST(Repair, ReportedClauseStopsBeforeAnotherCue) {
  Article a = Make("She said that the port would close, and John Doe warned that ships would wait for weeks.");
  Propose(a, "said", "She", "that the port would close");
  Propose(a, "warned", "John Doe", "that ships would wait for weeks");
  RepairAttributions(a);
  ASSERT_EQ(a.attributions.size(), 2u);
  EXPECT_EQ(ContentOf(a, 0), "that the port would close");
}

TEST(Repair, QuotationTakenWholeWhenFoundInPart) {
  Article a = Make(
      "\"For weeks the trucks have queued at the gate. The customs officers are at every meeting. "
      "The main aim is a deal before spring,\" says the harbour official.");
  Propose(a, "says", "the harbour official", "The customs officers are at every meeting. The main aim is a deal before spring");
  RepairAttributions(a);
  ASSERT_EQ(a.attributions.size(), 1u);
  EXPECT_TRUE(ContentOf(a, 0).starts_with("\"For weeks the trucks")) << ContentOf(a, 0);
  EXPECT_TRUE(a.attributions[0].direct);
}

TEST(Repair, ContentStopsAtTheQuotationBeforeItsCue) {
  Article a = Make("“The ferries will run as long as the ice allows,” Radio Harbour quoted John Doe as saying.");
  Propose(a, "quoted", "Radio Harbour", "“The ferries will run as long as the ice allows,” Radio Harbour quoted John Doe as saying");
  RepairAttributions(a);
  ASSERT_EQ(a.attributions.size(), 1u);
  EXPECT_EQ(ContentOf(a, 0), "“The ferries will run as long as the ice allows,”");
}

TEST(Repair, CuesThatAreNoSpeechAreDroppedForAReader) {
  const std::string text =
      "During the visit, the minister pressured the mayor to sell the docks. On Friday the minister "
      "will come to the port for talks. It is also known that the police chief will attend. "
      "There seems to be no doubt that the docks will be sold. The mayor said that the docks are not for sale.";
  Article a = Make(text);
  Propose(a, "pressured", "the minister", "the mayor to sell the docks");
  Propose(a, "will come", "the minister", "to the port for talks");
  Propose(a, "is also known", "It", "that the police chief will attend");
  Propose(a, "seems", "", "There seems to be no doubt that the docks will be sold");
  Propose(a, "said", "The mayor", "that the docks are not for sale");
  Article scored = a;
  RepairAttributions(a);
  ASSERT_EQ(a.attributions.size(), 1u);
  EXPECT_EQ(ContentOf(a, 0), "that the docks are not for sale");
  // Span scoring keeps them all: PolNeAR counts such attributions too.
  RepairAttributions(scored, {.for_reader = false});
  EXPECT_EQ(scored.attributions.size(), 5u);
}

TEST(Repair, AuthorsReadingOfSomeonesWordsIsNoQuote) {
  Article a = Make("The council always exaggerates, so Roe’s words actually mean: “We are closing the port.”");
  Propose(a, "mean:", "Roe’s words actually", "“We are closing the port.”");
  RepairAttributions(a);
  EXPECT_TRUE(a.attributions.empty());
}

TEST(Repair, AsSomeonePutItTakesTheQuotationBefore) {
  Article a = Make(
      "The council calls the rumours of a sale “empty talk,” as the mayor’s spokesman John Doe put it.");
  Propose(a, "calls", "The council", "the rumours of a sale “empty talk,” as the mayor’s spokesman John Doe put it");
  Propose(a, "put", "The council calls the rumours", "it");
  RepairAttributions(a);
  ASSERT_EQ(a.attributions.size(), 2u);
  EXPECT_EQ(ContentOf(a, 0), "the rumours of a sale “empty talk,”");
  EXPECT_EQ(ContentOf(a, 1), "“empty talk,”");
  EXPECT_EQ(a.Text(a.attributions[1].source), "the mayor’s spokesman John Doe");
}

TEST(Repair, AccordingToInParenthesesTakesWhatFollows) {
  Article a = Make(
      "Otherwise, according to Roe, the harbour is ready for any storm and will not wait for news: "
      "“We know what to do.”");
  Propose(a, "according to", "Roe", "Otherwise");
  RepairAttributions(a);
  ASSERT_EQ(a.attributions.size(), 1u);
  EXPECT_EQ(ContentOf(a, 0), "the harbour is ready for any storm and will not wait for news: “We know what to do.”");
}

TEST(Repair, CommentedOnTakesTheClauseBeforeTheSource) {
  Article a = Make(
      "During the visit to the port on Monday, the minister pressed the mayor to sell the docks, John "
      "Doe, the head of the dockers’ union, commented on this visit, according to Nordinform.");
  Propose(a, "commented on", "John Doe, the head of the dockers’ union", "this visit");
  RepairAttributions(a);
  ASSERT_EQ(a.attributions.size(), 1u);
  EXPECT_EQ(ContentOf(a, 0), "During the visit to the port on Monday, the minister pressed the mayor to sell the docks");
}

TEST(Repair, ThatOpeningASentencePointsToTheParagraphBefore) {
  Article a = Make(
      "Ships will wait outside the bay until spring. The ferries stop too.\n\n"
      "That’s according to Jane Roe, the harbour master, who commented on the storm for local radio.");
  Propose(a, "according to", "Jane Roe, the harbour master", "That");
  Propose(a, "commented on", "who", "the storm for local radio");
  RepairAttributions(a);
  ASSERT_EQ(a.attributions.size(), 1u);  // the topic of "commented on" stands for nothing here
  EXPECT_EQ(ContentOf(a, 0), "Ships will wait outside the bay until spring. The ferries stop too.");
}

TEST(Repair, LeadingLeftoverCutFromTheSource) {
  Article a = Make("As a reminder, the harbour council reported that the bridge was closed for repairs.");
  Propose(a, "reported", "a reminder, the harbour council", "that the bridge was closed for repairs");
  RepairAttributions(a);
  ASSERT_EQ(a.attributions.size(), 1u);
  EXPECT_EQ(a.Text(a.attributions[0].source), "the harbour council");
}

// ---- provenance over the mended spans ----

TEST(Provenance, QuotationClosedInItsParagraphStaysThere) {
  Article a = Make(
      "“The port will reopen in April. The ferries will follow in May,” Jane Roe emphasized.\n\n"
      "She said that the town is ready.\n\n"
      "“We know what we need to prepare for,” she added.");
  Propose(a, "emphasized", "Jane Roe", "“The port will reopen in April. The ferries will follow in May,”");
  Propose(a, "said", "She", "that the town is ready");
  Propose(a, "added", "she", "“We know what we need to prepare for,”");
  TraceProvenance(a);
  const Attribution* q = Saying(a, "We know what we need");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(a.Text(q->content), "“We know what we need to prepare for,”");
  EXPECT_EQ(q->speaker, "Jane Roe");
  int credited = 0;
  for (const Attribution& x : a.attributions) credited += a.Text(x.content).find("reopen in April") != std::string_view::npos;
  EXPECT_EQ(credited, 1);
}

TEST(Provenance, OneQuotationCreditedOnce) {
  Article a = Make("“The port will reopen in April, and the ferries in May,” Jane Roe said, and warned of delays.");
  Propose(a, "said", "Jane Roe", "“The port will reopen in April, and the ferries in May,”");
  Propose(a, "warned", "Jane Roe", "The port will reopen in April, and the ferries in May");
  TraceProvenance(a);
  EXPECT_EQ(a.attributions.size(), 1u);
}

TEST(Provenance, SurnameSpeltOtherwiseTakesTheFullName) {
  Article a = Make(
      "The port’s director, Petro Hordiyenko, met the council.\n\n"
      "“We will reopen in April,” Hordienko said.");
  Propose(a, "said", "Hordienko", "“We will reopen in April,”");
  TraceProvenance(a);
  ASSERT_EQ(a.attributions.size(), 1u);
  EXPECT_EQ(a.attributions[0].speaker, "Petro Hordiyenko");
}

TEST(Provenance, OutletCarryingAStatementIsItsRelay) {
  Article a = Make(
      "The minister pressed the mayor to sell the docks on Monday, John Doe, the head of the dockers’ "
      "union, commented on this visit, according to Nordinform.",
      {"Nordinform"});
  Propose(a, "commented on", "John Doe, the head of the dockers’ union", "this visit");
  Propose(a, "according to", "Nordinform", "The minister pressed the mayor to sell the docks on Monday, John Doe");
  a.attributions.back().content.end = Find(a, "this visit").end;
  RepairAttributions(a);
  TraceProvenance(a);
  ASSERT_EQ(a.attributions.size(), 1u);
  EXPECT_EQ(a.attributions[0].speaker, "John Doe");
  EXPECT_EQ(a.attributions[0].relays, std::vector<std::string>{"Nordinform"});
}

// ---- the whole stage ----

// A paragraph ending "..., Lt. Gen. Jane Roe:" introduces the quotation of the next paragraph,
// which ends at its own closing mark, before the next paragraph's "X quoted Y as saying".
TEST(Quotes, ColonIntroducerOwnsTheQuotationAfterIt) {
  Article a = Make(
      "A similar view was voiced on the eve of the vote by the commander of the coast guard, Lt. Gen. Jane Roe:\n\n"
      "“We believe that, during this winter, the port will be closed to large ships, in particular, in our view, "
      "for the whole of January.”\n\n"
      "“The ferries will run as long as the ice allows it, and the crews are ready,” Radio Harbour quoted John Doe as "
      "saying.");
  FindAttributions(a);
  const Attribution* roe = Saying(a, "the port will be closed");
  ASSERT_NE(roe, nullptr);
  EXPECT_EQ(roe->speaker, "Jane Roe");
  EXPECT_EQ(a.Text(roe->content).find("ferries"), std::string_view::npos) << a.Text(roe->content);
  EXPECT_EQ(a.Text(roe->source), "Jane Roe");
  const Attribution* doe = Saying(a, "The ferries will run");
  ASSERT_NE(doe, nullptr);
  EXPECT_EQ(doe->speaker, "John Doe");
  EXPECT_EQ(doe->relays, std::vector<std::string>{"Radio Harbour"});
}

TEST(Repair, ParticipleSpeaksForTheClausesSubject) {
  Article a = Make("In a long interview, harbour master John Doe was more open about the plans, stressing that "
                   "the port needs a pause to repair its cranes.");
  NamePerson(a, "John Doe");
  Propose(a, "stressing", "more open about the plans", "that the port needs a pause to repair its cranes");
  RepairAttributions(a);
  ASSERT_EQ(a.attributions.size(), 1u);
  EXPECT_EQ(a.Text(a.attributions[0].source), "John Doe");
}

TEST(Repair, ParticipleKeepsASourceThatIsANounPhrase) {
  Article a = Make("John Doe met the analysts, stressing that the port needs a pause.");
  NamePerson(a, "John Doe");
  Propose(a, "stressing", "the analysts", "that the port needs a pause");
  RepairAttributions(a);
  ASSERT_EQ(a.attributions.size(), 1u);
  EXPECT_EQ(a.Text(a.attributions[0].source), "the analysts");
}

// A quotation the tagger left alone, closed by its credit after a dash or a comma: the
// credit's verb is the cue and the name (or pronoun) the source, either order.
TEST(Repair, QuotationCreditedAfterItsClose) {
  Article a = Make("“The harbour will reopen in May,” - noted Jane Roe.\n\n"
                   "“The ferries are ready,” the captain added.\n\n"
                   "“Nobody asked us”, Tom Pike said.\n\n"
                   "“Closed for the winter”, a sign on the gate, not a credit.");
  RepairAttributions(a, {.for_reader = false});
  ASSERT_EQ(a.attributions.size(), 2u);
  EXPECT_EQ(a.Text(a.attributions[0].cue), "noted");
  EXPECT_EQ(a.Text(a.attributions[0].source), "Jane Roe");
  EXPECT_EQ(ContentOf(a, 0), "“The harbour will reopen in May,”");
  EXPECT_TRUE(a.attributions[0].direct);
  EXPECT_EQ(a.Text(a.attributions[1].cue), "said");
  EXPECT_EQ(a.Text(a.attributions[1].source), "Tom Pike");
}

// Epigraph style: a quotation, a dash and the name alone; the dash is the cue. A title may
// follow the name; a dash before more than a name is no credit.
TEST(Repair, QuotationCreditedByADashAndAName) {
  Article a = Make("“The ferries must run all winter.” ― Jane Roe\n\n"
                   "“We were never asked.”\u00a0— Tom Pike, a ferry captain.\n\n"
                   "“Closed for the winter” - the sign on the gate was new.");
  Propose(a, "must run", "The ferries", "all winter");  // a cue among the quotation's own words
  RepairAttributions(a, {.for_reader = false});
  ASSERT_EQ(a.attributions.size(), 3u);
  EXPECT_EQ(a.Text(a.attributions[1].cue), "―");
  EXPECT_EQ(a.Text(a.attributions[1].source), "Jane Roe");
  EXPECT_EQ(ContentOf(a, 1), "“The ferries must run all winter.”");
  EXPECT_EQ(a.Text(a.attributions[2].cue), "—");
  EXPECT_EQ(a.Text(a.attributions[2].source), "Tom Pike");
}

// A transcript: each speaker's label opens a turn; one label alone ("UPDATE:") or letters
// standing for the interviewer and the answer ("Q:", "A:") make none.
TEST(Repair, TranscriptTurnsAreTheirSpeakersWords) {
  Article a = Make("The interview, as aired:\n\n"
                   "\"HOST: Will the ferries run this winter?\n\n"
                   "\"MS. ROE: They will, and on time.\n\n"
                   "\"HOST: Every day?");
  RepairAttributions(a, {.for_reader = false});
  ASSERT_EQ(a.attributions.size(), 3u);
  EXPECT_EQ(a.Text(a.attributions[1].source), "MS. ROE");
  EXPECT_EQ(a.Text(a.attributions[1].cue), ":");
  EXPECT_EQ(ContentOf(a, 1), "They will, and on time.");
  Article lone = Make("UPDATE: The ferries run again.\n\nQ: Who runs them?\n\nA: The council does.");
  RepairAttributions(lone, {.for_reader = false});
  EXPECT_TRUE(lone.attributions.empty());
}

// Wire style: the content, then the speaker's name and title between commas, then the verb.
TEST(Repair, ClauseCreditedByANameAndItsTitle) {
  Article a = Make("The harbour will stay closed to ferries until May, Jane Roe, the harbour master of "
                   "the town, has told Radio Harbour.\n\n"
                   "The weather, the council said in a report, was mild, and boats, Tom Pike, left.\n\n"
                   "The deputy mayor of the harbour town, Ann Poe, said this on the radio.");
  NamePerson(a, "Jane Roe");
  NamePerson(a, "Tom Pike");
  NamePerson(a, "Ann Poe");
  RepairAttributions(a, {.for_reader = false});
  // the second sentence's last clause is no credit; the third's words before the name are
  // her title, and "said this" points at what came before
  ASSERT_EQ(a.attributions.size(), 1u);
  EXPECT_EQ(ContentOf(a, 0), "The harbour will stay closed to ferries until May");
  EXPECT_EQ(a.Text(a.attributions[0].source), "Jane Roe, the harbour master of the town");
  EXPECT_EQ(a.Text(a.attributions[0].cue), "has told");
}

// A content that runs on over "as ... put it" (its own credit, the cue missed) ends before "as".
TEST(Repair, ContentStopsBeforeAsPutIt) {
  Article a = Make("The council calls the rumours of a closure “idle talk,” as the harbour master Jane Roe put it.");
  Propose(a, "calls", "The council", "the rumours of a closure “idle talk,” as the harbour master Jane Roe put it");
  RepairAttributions(a, {.for_reader = false});
  ASSERT_EQ(a.attributions.size(), 1u);
  EXPECT_EQ(ContentOf(a, 0), "the rumours of a closure “idle talk,”");
}

}  // namespace
}  // namespace sitrep::quotes
