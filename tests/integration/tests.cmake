# svcagent_integration_test(local some_test.sh 120)
svcagent_integration_test(local lib_selftest.sh 120)
svcagent_integration_test(lab lab_selftest.sh 180)
