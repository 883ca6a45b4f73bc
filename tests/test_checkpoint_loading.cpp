#include "inference/kronos_engine.h"
#include "model/checkpoint_folders.h"
#include "model/checkpoint_layout.h"
#include "model/kronos_config.h"
#include "model/kronos_modules.h"
#include "model/safetensors_file.h"
#include "safetensors_test_support.h"
#include "test_paths.h"

#include <ATen/Parallel.h>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <set>
#include <torch/torch.h>

using namespace kronos;
using namespace SafetensorsTestSupport;

namespace {

const QString FixtureRoot = testDataPath("kronos-narrow");

std::map<std::string, torch::Tensor> readAll(const QString &path)
{
    const SafetensorsFile file(path);
    std::map<std::string, torch::Tensor> tensors;
    for (const auto &entry : file.entries())
        tensors[entry.first] = file.tensor(entry.first);
    return tensors;
}

// A writable copy of the fixture checkpoint pair.
struct CheckpointCopy
{
    QTemporaryDir root;
    QString model() const { return root.filePath(QStringLiteral("model")); }
    QString tokenizer() const { return root.filePath(QStringLiteral("tokenizer")); }

    CheckpointCopy()
    {
        for (const char *part : { "model", "tokenizer" }) {
            QDir().mkpath(root.filePath(QLatin1String(part)));
            for (const char *file : { "config.json", "model.safetensors" }) {
                const QString target = root.filePath(
                    QStringLiteral("%1/%2").arg(QLatin1String(part), QLatin1String(file)));
                QFile::copy(FixtureRoot
                        + QStringLiteral("/%1/%2").arg(QLatin1String(part), QLatin1String(file)),
                    target);
                QFile(target).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
            }
        }
    }

    void editConfig(const QString &part, const std::function<void(QJsonObject &)> &edit)
    {
        const QString path = root.filePath(part + QStringLiteral("/config.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        edit(object);
        QVERIFY(writeFile(path, QJsonDocument(object).toJson()));
    }
};

QString loadError(const CheckpointCopy &copy)
{
    try {
        KronosEngine::load(copy.model(), copy.tokenizer(), EngineOptions {});
    } catch (const CheckpointError &error) {
        return QString::fromUtf8(error.what());
    }
    return QString();
}

QString inspectionError(const CheckpointCopy &copy)
{
    try {
        KronosEngine::inspect(copy.model(), copy.tokenizer(), EngineOptions {});
    } catch (const CheckpointError &error) {
        return QString::fromUtf8(error.what());
    }
    return QString();
}

// (name, shape) of every parameter a module registers.
std::set<std::pair<std::string, std::vector<int64_t>>> registered(torch::nn::Module &module)
{
    std::set<std::pair<std::string, std::vector<int64_t>>> tensors;
    for (const auto &item : module.named_parameters())
        tensors.insert({ item.key(), item.value().sizes().vec() });
    return tensors;
}

std::set<std::pair<std::string, std::vector<int64_t>>> listed(const TensorLayout &layout)
{
    std::set<std::pair<std::string, std::vector<int64_t>>> tensors;
    for (const ExpectedTensor &tensor : layout)
        tensors.insert({ tensor.name, tensor.shape });
    return tensors;
}

} // namespace

// Hostile and broken checkpoints: each must give a clear error naming the file and the problem,
// never a crash or a silent load.
class TestCheckpointLoading : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void brokenSafetensorsAreRejected_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");

        const QByteArray data16(16, '\0');
        const QByteArray oneTensor = R"({"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}})";
        QTest::newRow("truncated")
            << "a.safetensors" << QByteArray("\x10\0\0", 3) << "truncated: 3 bytes";
        QTest::newRow("header length past the end")
            << "a.safetensors" << (littleEndian64(1000) + QByteArray(20, ' '))
            << "header length 1000 is past the end of the file (28 bytes)";
        QTest::newRow("huge header length")
            << "a.safetensors" << (littleEndian64(quint64(1) << 62) + QByteArray(20, ' '))
            << "is past the end of the file";
        QTest::newRow("bad json") << "a.safetensors" << safetensors("{\"w\": [", data16)
                                  << "header is not valid JSON";
        QTest::newRow("not an object")
            << "a.safetensors" << safetensors("[1, 2]", data16) << "header is not a JSON object";
        QTest::newRow("unknown dtype")
            << "a.safetensors"
            << safetensors(R"({"w":{"dtype":"Q4","shape":[4],"data_offsets":[0,16]}})", data16)
            << "tensor 'w': unknown dtype 'Q4'";
        QTest::newRow("offsets out of range")
            << "a.safetensors"
            << safetensors(R"({"w":{"dtype":"F32","shape":[8],"data_offsets":[0,32]}})", data16)
            << "tensor 'w': data_offsets [0, 32] run past the data section (16 bytes)";
        QTest::newRow("offsets reversed")
            << "a.safetensors"
            << safetensors(R"({"w":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}})", data16)
            << "data_offsets must be [begin, end] with begin <= end";
        QTest::newRow("overlapping")
            << "a.safetensors"
            << safetensors(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]},)"
                           R"("b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}})",
                   data16)
            << "tensors 'a' and 'b' overlap";
        QTest::newRow("shape and bytes disagree")
            << "a.safetensors"
            << safetensors(R"({"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}})", data16)
            << "shape x dtype size is 16 bytes but its data_offsets span 12 bytes";
        QTest::newRow("negative dimension")
            << "a.safetensors"
            << safetensors(R"({"w":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}})", data16)
            << "shape has a dimension that is not a non-negative integer";
        QTest::newRow("overflowing shape")
            << "a.safetensors"
            << safetensors(
                   R"({"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,16]}})",
                   data16)
            << "shape overflows";
        QTest::newRow("pickle") << "pytorch_model.bin" << safetensors(oneTensor, data16)
                                << "pickled PyTorch files are never loaded";
    }

    void brokenSafetensorsAreRejected()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(fileName);
        QVERIFY(writeFile(path, bytes));
        try {
            SafetensorsFile file(path);
            QFAIL("accepted a broken file");
        } catch (const CheckpointError &error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.startsWith(path + QStringLiteral(": ")), qPrintable(message));
            QVERIFY2(message.contains(expected), qPrintable(message));
        }
    }

    void halfPrecisionIsWidenedToFloat()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("half.safetensors"));
        QVERIFY(writeFile(path,
            serialize({ { "w", torch::tensor({ 1.5f, -2.25f, 65504.0f }) } }, torch::kFloat16)));
        const torch::Tensor loaded = SafetensorsFile(path).tensor("w");
        QCOMPARE(loaded.scalar_type(), torch::kFloat32);
        QVERIFY(torch::equal(loaded, torch::tensor({ 1.5f, -2.25f, 65504.0f })));
    }

    void weightProblemsAreNamed_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << "remove"
                                 << "missing tensor 'norm.weight'";
        QTest::newRow("unexpected")
            << "extra"
            << "unexpected tensor 'extra.weight' (not part of this architecture)";
        QTest::newRow("wrong shape")
            << "reshape"
            << "transformer.1.ffn.w1.weight: got [128, 256], expected [256, 128]";
    }

    void weightProblemsAreNamed()
    {
        QFETCH(QString, edit);
        QFETCH(QString, expected);
        CheckpointCopy copy;
        const QString weights = copy.model() + QStringLiteral("/model.safetensors");
        auto tensors = readAll(weights);
        if (edit == QLatin1String("remove"))
            tensors.erase("norm.weight");
        else if (edit == QLatin1String("extra"))
            tensors["extra.weight"] = torch::zeros({ 2 });
        else
            tensors["transformer.1.ffn.w1.weight"] = tensors["transformer.1.ffn.w1.weight"].t();
        QVERIFY(writeFile(weights, serialize(tensors)));
        const QString message = loadError(copy);
        QVERIFY2(message.startsWith(weights), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
        QCOMPARE(inspectionError(copy), message);
    }

    void optionalBuffersMayBeAbsent()
    {
        CheckpointCopy copy;
        const QString weights = copy.model() + QStringLiteral("/model.safetensors");
        auto tensors = readAll(weights);
        for (auto it = tensors.begin(); it != tensors.end();)
            it = it->first.find("rotary.inv_freq") != std::string::npos ? tensors.erase(it)
                                                                        : std::next(it);
        QVERIFY(writeFile(weights, serialize(tensors)));
        QCOMPARE(loadError(copy), QString());
    }

    void fixedTemporalEmbeddingsLoadUnderTheirOwnNames()
    {
        // learn_te = false keeps each table in an `emb` submodule (upstream's FixedEmbedding).
        CheckpointCopy copy;
        const QString weights = copy.model() + QStringLiteral("/model.safetensors");
        auto tensors = readAll(weights);
        for (const char *table : { "minute", "hour", "weekday", "day", "month" }) {
            const std::string learned = std::string("time_emb.") + table + "_embed.weight";
            tensors[std::string("time_emb.") + table + "_embed.emb.weight"] = tensors[learned];
            tensors.erase(learned);
        }
        QVERIFY(writeFile(weights, serialize(tensors)));
        QVERIFY(loadError(copy).contains(
            QStringLiteral("unexpected tensor 'time_emb.day_embed.emb.weight'")));
        copy.editConfig(QStringLiteral("model"),
            [](QJsonObject &config) { config[QStringLiteral("learn_te")] = false; });
        QCOMPARE(loadError(copy), QString());
    }

    void badConfigsAreNamed_data()
    {
        QTest::addColumn<QString>("part");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing key")
            << "model"
            << "d_model" << QJsonValue(QJsonValue::Undefined) << "missing required key 'd_model'";
        QTest::newRow("zero size")
            << "model"
            << "n_layers" << QJsonValue(0) << "'n_layers' must be a positive integer";
        QTest::newRow("text size") << "tokenizer"
                                   << "ff_dim" << QJsonValue(QStringLiteral("128"))
                                   << "'ff_dim' must be a positive integer";
        QTest::newRow("heads do not divide")
            << "model"
            << "n_heads" << QJsonValue(3) << "'d_model' (128) must be divisible by 'n_heads' (3)";
        QTest::newRow("odd head size")
            << "tokenizer"
            << "n_heads" << QJsonValue(64) << "the head size d_model / n_heads = 1 must be even";
        QTest::newRow("unequal bits")
            << "model"
            << "s2_bits" << QJsonValue(8) << "'s1_bits' (10) must equal 's2_bits' (8)";
        QTest::newRow("learn_te not a bool")
            << "model"
            << "learn_te" << QJsonValue(1) << "'learn_te' must be true or false";
    }

    void badConfigsAreNamed()
    {
        QFETCH(QString, part);
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        CheckpointCopy copy;
        copy.editConfig(part, [&](QJsonObject &config) {
            if (value.isUndefined())
                config.remove(key);
            else
                config[key] = value;
        });
        const QString message = loadError(copy);
        QVERIFY2(message.startsWith(copy.root.filePath(part + QStringLiteral("/config.json"))),
            qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
        QCOMPARE(inspectionError(copy), message);
    }

    void brokenConfigJsonIsNamed()
    {
        CheckpointCopy copy;
        QVERIFY(writeFile(copy.tokenizer() + QStringLiteral("/config.json"), "{\"d_in\": 6,"));
        QVERIFY(loadError(copy).contains(QStringLiteral("tokenizer/config.json: not valid JSON")));
    }

    void missingCheckpointIsNamed()
    {
        CheckpointCopy copy;
        QFile::remove(copy.model() + QStringLiteral("/model.safetensors"));
        QVERIFY(loadError(copy).contains(QStringLiteral("model/model.safetensors: cannot open")));
    }

    void halfPrecisionWeightsLoadAsTheirFloatValues()
    {
        // F16 tensors take the converting path into their parameters: the engine must forecast
        // exactly as from an F32 file holding the same values.
        CheckpointCopy half, widened;
        const auto tensors = readAll(half.model() + QStringLiteral("/model.safetensors"));
        std::map<std::string, torch::Tensor> rounded;
        for (const auto &item : tensors)
            rounded[item.first] = item.second.to(torch::kFloat16).to(torch::kFloat32);
        QVERIFY(writeFile(half.model() + QStringLiteral("/model.safetensors"),
            serialize(tensors, torch::kFloat16)));
        QVERIFY(
            writeFile(widened.model() + QStringLiteral("/model.safetensors"), serialize(rounded)));
        SeriesInput series;
        series.key = QStringLiteral("synthetic");
        const QDateTime start(QDate(2020, 1, 6), QTime(0, 0), Qt::UTC);
        for (int t = 0; t < 40; ++t) {
            const double price = 100 + 5 * std::sin(t / 4.0);
            series.timestamps.append(start.addDays(t));
            series.bars.push_back({ price, price + 1, price - 1, price + 0.5, 1000.0 + t, 0 });
            if (t < 3)
                series.futureTimestamps.append(start.addDays(40 + t));
        }
        series.columns = GivenColumns::PricesVolume;
        const auto forecast = [&](const CheckpointCopy &copy) {
            return KronosEngine::load(copy.model(), copy.tokenizer(), EngineOptions {})
                ->forecast({ series }, 3, SamplingOptions::greedy())
                .series.front();
        };
        const SeriesForecast fromHalf = forecast(half);
        const SeriesForecast fromWidened = forecast(widened);
        QCOMPARE(fromHalf.s1Tokens, fromWidened.s1Tokens);
        QCOMPARE(fromHalf.s2Tokens, fromWidened.s2Tokens);
        QCOMPARE(fromHalf.mean.front().close, fromWidened.mean.front().close);
    }

    void layoutListsWhatTheModulesRegister_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::addColumn<bool>("learnTe");
        for (const PublishedShape &shape : publishedShapes())
            QTest::newRow(qPrintable(shape.name)) << shape.name << true;
        QTest::newRow("mini, fixed temporal embeddings") << QStringLiteral("mini") << false;
    }

    void layoutListsWhatTheModulesRegister()
    {
        QFETCH(QString, shape);
        QFETCH(bool, learnTe);
        const PublishedShape published = publishedShape(shape);
        PredictorConfig predictorConfig = published.predictor;
        predictorConfig.learnTe = learnTe;
        KronosTokenizer tokenizer(published.tokenizer);
        KronosPredictor predictor(predictorConfig);
        QVERIFY(registered(*tokenizer) == listed(tokenizerLayout(published.tokenizer)));
        QVERIFY(registered(*predictor) == listed(predictorLayout(predictorConfig)));
    }

    void inspectionDescribesWhatLoadingGives()
    {
        EngineOptions options;
        options.maxContext = 300;
        const ModelSummary inspected = KronosEngine::inspect(FixtureRoot + QStringLiteral("/model"),
            FixtureRoot + QStringLiteral("/tokenizer"), options);
        const ModelSummary loaded = KronosEngine::load(FixtureRoot + QStringLiteral("/model"),
            FixtureRoot + QStringLiteral("/tokenizer"), options)
                                        ->summary();
        QCOMPARE(inspected.description, loaded.description);
        QCOMPARE(inspected.predictorParameters, loaded.predictorParameters);
        QCOMPARE(inspected.tokenizerParameters, loaded.tokenizerParameters);
        QCOMPARE(inspected.weightBytes, loaded.weightBytes);
        const PublishedShape mini = publishedShape(QStringLiteral("mini"));
        QCOMPARE(KronosEngine::inspect(mini, options).description,
            KronosEngine::withRandomWeights(mini, 1, options)->summary().description);
    }

    void inspectingAndLoadingLeaveTheThreadCountAlone()
    {
        // Thread counts belong to the process (setComputeThreads), not to engines.
        const int before = at::get_num_threads();
        const int other = before == 1 ? 2 : 1;
        at::set_num_threads(other);
        KronosEngine::inspect(FixtureRoot + QStringLiteral("/model"),
            FixtureRoot + QStringLiteral("/tokenizer"), EngineOptions {});
        KronosEngine::load(FixtureRoot + QStringLiteral("/model"),
            FixtureRoot + QStringLiteral("/tokenizer"), EngineOptions {});
        QCOMPARE(at::get_num_threads(), other);
        at::set_num_threads(before);
    }

    // Issue 15.14: a folder without config.json said "/tmp/config.json: cannot open".
    void aFolderWithoutConfigJsonIsSaidInPlainWords()
    {
        CheckpointCopy copy;
        QFile::remove(copy.tokenizer() + QStringLiteral("/config.json"));
        const QString message
            = QStringLiteral("The tokenizer folder %1 has no config.json: it is not a Kronos "
                             "checkpoint folder (one holds config.json and model.safetensors, as "
                             "published on Hugging Face).")
                  .arg(copy.tokenizer());
        QCOMPARE(loadError(copy), message);
        QCOMPARE(inspectionError(copy), message); // choosing the folder in the GUI says the same
        const QString missing = copy.root.filePath(QStringLiteral("nowhere"));
        try {
            KronosEngine::load(missing, copy.tokenizer(), EngineOptions {});
            QFAIL("a folder that does not exist loaded");
        } catch (const CheckpointError &error) {
            QCOMPARE(QString::fromUtf8(error.what()),
                QStringLiteral("The model folder %1 does not exist.").arg(missing));
        }
    }

    // Issue 15.14: the predictor given as the tokenizer and the other way round said only
    // "missing required key 'd_in'".
    void swappedFoldersAreRecognized()
    {
        CheckpointCopy copy;
        try {
            KronosEngine::load(copy.tokenizer(), copy.model(), EngineOptions {});
            QFAIL("swapped folders loaded");
        } catch (const CheckpointError &error) {
            QCOMPARE(QString::fromUtf8(error.what()),
                QStringLiteral("The model and tokenizer folders are swapped: %1 holds a "
                               "tokenizer and %2 a predictor. Give %2 as the model and %1 as "
                               "the tokenizer.")
                    .arg(copy.tokenizer(), copy.model()));
        }
        QCOMPARE(checkpointRoleOf(copy.model()), CheckpointRole::Predictor);
        QCOMPARE(checkpointRoleOf(copy.tokenizer()), CheckpointRole::Tokenizer);
        try {
            KronosEngine::load(copy.tokenizer(), copy.tokenizer(), EngineOptions {});
            QFAIL("a tokenizer as the model loaded");
        } catch (const CheckpointError &error) {
            QVERIFY(QString::fromUtf8(error.what())
                        .contains(QStringLiteral("holds a tokenizer, not a predictor")));
        }
    }

    void summaryDescribesTheCheckpoint()
    {
        const auto engine = KronosEngine::load(FixtureRoot + QStringLiteral("/model"),
            FixtureRoot + QStringLiteral("/tokenizer"), EngineOptions {});
        const ModelSummary summary = engine->summary();
        QCOMPARE(summary.predictor.dModel, int64_t(128));
        QCOMPARE(summary.predictor.nLayers, int64_t(3));
        QCOMPARE(summary.tokenizer.dModel, int64_t(64));
        // Parameters = the float32 bytes of the weight files, less the optional buffers.
        QVERIFY(summary.predictorParameters > 1000000 && summary.predictorParameters < 4553832 / 4);
        QVERIFY(summary.description.startsWith(
            QStringLiteral("Kronos: d_model 128, 3 layers, 4 heads")));
    }
};

QTEST_GUILESS_MAIN(TestCheckpointLoading)
#include "test_checkpoint_loading.moc"
